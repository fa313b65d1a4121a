package ignore

import (
	"errors"
	"fmt"
	"io/fs"
)

// Mode selects which per-folder ignore files apply.
type Mode int

const (
	// ModeAML uses a folder's .amlignore instead of its .gitignore when it has one.
	ModeAML Mode = iota
	// ModeGit uses .gitignore files only, as git does.
	ModeGit
)

// Options configures Walk and Explain. A nil *Options means the zero value,
// which is ModeAML.
type Options struct {
	// Mode selects the ignore files read in each folder.
	Mode Mode
}

// String returns "aml" or "git".
func (m Mode) String() string {
	switch m {
	case ModeAML:
		return "aml"
	case ModeGit:
		return "git"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// validate rejects an unknown Mode.
func (o *Options) validate() error {
	if o != nil && o.Mode != ModeAML && o.Mode != ModeGit {
		return &Error{Op: "options", Path: "Mode", Err: fmt.Errorf("unknown mode %d", int(o.Mode))}
	}
	return nil
}

// WalkFunc is called for every file (regular file or symlink) that the
// ignore rules keep, in lexical byte order of rel, a slash-separated path
// relative to the root. d is the entry as read from its folder; a symlink is
// reported as such and never followed. Returning an error stops the walk and
// Walk returns it; returning fs.SkipAll stops the walk and Walk returns nil.
type WalkFunc func(rel string, d fs.DirEntry) error

// Walk visits the files under root that the ignore rules keep. Excluded
// folders are never read, so a large ignored node_modules costs nothing;
// .git entries are skipped at every level; FIFOs, sockets and devices are
// skipped; folders are not reported. An unreadable folder or ignore file
// stops the walk with an *Error.
//
// Folders are read ahead on two goroutines (never an excluded one), while
// fn is always called from the calling goroutine, in order. Walk takes no
// context: to cancel it, return ctx.Err() from fn. An unknown opts.Mode
// gives an *Error with Op "options".
func Walk(root string, opts *Options, fn WalkFunc) error {
	if err := opts.validate(); err != nil {
		return err
	}
	w := newWalker(root, opts, fn)
	err := w.run()
	if errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

// frame is one folder on the walk's path that has an ignore file.
type frame struct {
	dir string // relative to the root, "" for the root
	m   *Matcher
}

// walker holds the state of one Walk.
type walker struct {
	fsys    dirReader
	fn      WalkFunc
	frames  []frame
	workers int
}

func newWalker(root string, opts *Options, fn WalkFunc) *walker {
	mode := ModeAML
	if opts != nil {
		mode = opts.Mode
	}
	return &walker{fsys: dirReader{root: root, mode: mode}, fn: fn, workers: prefetchWorkers}
}

// run walks the whole tree, reading folders ahead on a small pool.
func (w *walker) run() error {
	pf := newPrefetcher(w.fsys, w.workers)
	defer pf.close()
	return w.walkDir("", pf.wait(""), pf)
}

// walkDir visits one listed folder. rel is "" for the root.
func (w *walker) walkDir(rel string, l *listing, pf *prefetcher) error {
	if l.err != nil {
		return l.err
	}
	if l.m != nil {
		w.frames = append(w.frames, frame{dir: rel, m: l.m})
		defer func() { w.frames = w.frames[:len(w.frames)-1] }()
	}
	kept := make([]keptEntry, 0, len(l.entries))
	for _, d := range l.entries {
		p := joinRel(rel, d.Name())
		if w.decide(p, d.Name(), d.IsDir()) != nil {
			continue
		}
		kept = append(kept, keptEntry{d: d, rel: p})
		if d.IsDir() {
			pf.request(p)
		}
	}
	for _, k := range kept {
		var err error
		if k.d.IsDir() {
			err = w.walkDir(k.rel, pf.wait(k.rel), pf)
		} else {
			err = w.fn(k.rel, k.d)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// decide returns the pattern that excludes the path, or nil when it is kept.
// Ignore files are consulted from the deepest folder up; the first one with
// a matching line decides.
func (w *walker) decide(rel, base string, isDir bool) *Pattern {
	if p := lastMatch(w.frames, rel, base, isDir); p != nil && !p.Negate {
		return p
	}
	return nil
}

// lastMatch returns the deciding pattern for rel among frames (deepest last),
// or nil when no line matches.
func lastMatch(frames []frame, rel, base string, isDir bool) *Pattern {
	for i := len(frames) - 1; i >= 0; i-- {
		f := &frames[i]
		sub := rel
		if f.dir != "" {
			sub = rel[len(f.dir)+1:]
		}
		if p := f.m.match(sub, base, isDir); p != nil {
			return p
		}
	}
	return nil
}

// keptEntry is an entry of a folder that the rules keep.
type keptEntry struct {
	d   fs.DirEntry
	rel string
}

// joinRel joins a folder's relative path and a name.
func joinRel(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}
