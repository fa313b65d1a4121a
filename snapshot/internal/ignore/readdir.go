package ignore

import (
	"cmp"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Names of the per-folder ignore files.
const (
	gitIgnoreName = ".gitignore"
	amlIgnoreName = ".amlignore"
)

// listing is one folder read from disk and decided: the entries the rules
// keep (sorted in path order, with their relative paths set), and the
// ignore files that apply inside it, the folder's own last.
type listing struct {
	entries []dirent
	frames  []frame
	err     error
}

// dirReader reads folders of one tree. It has no mutable state, so
// concurrent reads are safe.
type dirReader struct {
	root string
	mode Mode
	// onRead, when set (tests only), is called with every folder read.
	onRead func(rel string)
}

// abs returns the OS path of a slash-separated relative path.
func (r dirReader) abs(rel string) string {
	if rel == "" {
		return r.root
	}
	return r.root + string(filepath.Separator) + filepath.FromSlash(rel)
}

// list reads the folder rel ("" for the root) and its ignore file, and
// keeps the entries that the ignore files of parent (the frames that apply
// to rel, which list never modifies) and the folder's own file keep. s is
// the caller's working memory.
func (r dirReader) list(rel string, parent []frame, s *scratch) *listing {
	if r.onRead != nil {
		r.onRead(rel)
	}
	f, err := openFolder(r.abs(rel))
	if err != nil {
		return &listing{err: &Error{Op: "read dir", Path: dotIfEmpty(rel), Err: err}}
	}
	defer f.close()
	all, err := f.read(s.buf, s.ents[:0])
	if err != nil {
		return &listing{err: &Error{Op: "read dir", Path: dotIfEmpty(rel), Err: err}}
	}
	s.ents = all
	defer clear(all) // the scratch keeps no strings alive
	l := &listing{entries: all[:0], frames: parent}
	var git, aml bool
	for _, d := range all {
		if !l.candidate(d) {
			continue
		}
		git = git || d.typ.IsRegular() && d.name == gitIgnoreName
		aml = aml || d.typ.IsRegular() && d.name == amlIgnoreName
		l.entries = append(l.entries, d)
	}
	if name := r.ignoreName(git, aml); name != "" {
		m, err := r.readIgnoreFile(joinRel(rel, name))
		if err != nil {
			return &listing{err: err}
		}
		if m != nil {
			l.frames = append(parent[:len(parent):len(parent)], frame{dir: rel, m: m})
		}
	}
	l.keep(rel)
	l.entries = sortedCopy(l.entries, s)
	return l
}

// candidate reports whether d is a kind of entry a walk considers: a
// regular file, folder or symlink, not named .git. FIFOs, sockets and
// devices are skipped, as git does.
func (*listing) candidate(d dirent) bool {
	t := d.typ
	return d.name != ".git" && (t.IsRegular() || t.IsDir() || t&fs.ModeSymlink != 0)
}

// keep sets the relative path of every entry (the paths of one folder
// share one allocation) and drops the entries that the frames exclude.
func (l *listing) keep(rel string) {
	prefix := 0
	if rel != "" {
		prefix = len(rel) + 1
	}
	n := 0
	for i := range l.entries {
		n += prefix + len(l.entries[i].name)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range l.entries {
		if rel != "" {
			b.WriteString(rel)
			b.WriteByte('/')
		}
		b.WriteString(l.entries[i].name)
	}
	all, off := b.String(), 0
	for i := range l.entries {
		end := off + prefix + len(l.entries[i].name)
		l.entries[i].rel = all[off:end]
		off = end
	}
	if len(l.frames) == 0 {
		return
	}
	kept := l.entries[:0]
	for _, d := range l.entries {
		if p := lastMatch(l.frames, d.rel, d.name, d.typ.IsDir()); p == nil || p.Negate {
			kept = append(kept, d)
		}
	}
	l.entries = kept
}

// ignoreName picks the folder's effective ignore file from which of the two
// are regular files: .amlignore wins in ModeAML. It returns "" for none.
func (r dirReader) ignoreName(git, aml bool) string {
	switch {
	case aml && r.mode == ModeAML:
		return amlIgnoreName
	case git:
		return gitIgnoreName
	}
	return ""
}

// ignoreFileOf reads the effective ignore file of the folder rel without
// listing the folder (for Explain). It returns nil when there is none.
func (r dirReader) ignoreFileOf(rel string) (*Matcher, error) {
	regular := func(name string) bool {
		fi, err := os.Lstat(r.abs(joinRel(rel, name)))
		return err == nil && fi.Mode().IsRegular()
	}
	name := r.ignoreName(regular(gitIgnoreName), r.mode == ModeAML && regular(amlIgnoreName))
	if name == "" {
		return nil, nil
	}
	return r.readIgnoreFile(joinRel(rel, name))
}

// readIgnoreFile reads and parses one ignore file. As in git, a file of
// 100 MiB or more is not read and gives no patterns.
func (r dirReader) readIgnoreFile(rel string) (*Matcher, error) {
	f, err := os.Open(r.abs(rel))
	if err != nil {
		return nil, &Error{Op: "read ignore file", Path: rel, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Op: "read ignore file", Path: rel, Err: err}
	}
	if !st.Mode().IsRegular() || st.Size() >= maxIgnoreFileSize {
		return nil, nil
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, &Error{Op: "read ignore file", Path: rel, Err: err}
	}
	return ParseMatcher(rel, data), nil
}

// comparePathOrder orders the entries of one folder so that a depth-first
// walk yields paths in byte order: a folder sorts as its name plus "/".
func comparePathOrder(a, b dirent) int {
	an, bn := a.name, b.name
	n := min(len(an), len(bn))
	if c := cmp.Compare(an[:n], bn[:n]); c != 0 {
		return c
	}
	return cmp.Compare(keyByte(an, n, a.typ.IsDir()), keyByte(bn, n, b.typ.IsDir()))
}

// keyByte is the byte at index n of name (plus "/" for a folder), or -1
// past the end.
func keyByte(name string, n int, isDir bool) int {
	switch {
	case n < len(name):
		return int(name[n])
	case isDir:
		return '/'
	}
	return -1
}

// dotIfEmpty shows the root as ".".
func dotIfEmpty(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}
