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
	workers int
}

func newWalker(root string, opts *Options, fn WalkFunc) *walker {
	r := dirReader{root: root, mode: ModeAML}
	if opts != nil {
		r.mode = opts.Mode
	}
	return &walker{fsys: r, fn: fn, workers: prefetchWorkers}
}

// run walks the whole tree, reading folders ahead on a small pool.
func (w *walker) run() error {
	pf := newPrefetcher(w.fsys, w.workers)
	defer pf.close()
	return w.walkDir(pf.fsys.list("", nil, pf.s), pf)
}

// walkDir visits one listed folder: it asks for its kept subfolders to be
// read ahead, then reports its files and descends in path order.
func (w *walker) walkDir(l *listing, pf *prefetcher) error {
	if l.err != nil {
		return l.err
	}
	var subs []*pending
	for i := range l.entries {
		if d := &l.entries[i]; d.IsDir() {
			subs = append(subs, pf.request(d.rel, l.frames))
		}
	}
	for i := range l.entries {
		d := &l.entries[i]
		var err error
		if d.IsDir() {
			err = w.walkDir(pf.wait(subs[0]), pf)
			subs = subs[1:]
		} else {
			err = w.fn(d.rel, d)
		}
		if err != nil {
			return err
		}
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

// joinRel joins a folder's relative path and a name.
func joinRel(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}
