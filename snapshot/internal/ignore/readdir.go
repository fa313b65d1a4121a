package ignore

import (
	"cmp"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Names of the per-folder ignore files.
const (
	gitIgnoreName = ".gitignore"
	amlIgnoreName = ".amlignore"
)

// listing is one folder read from disk: its entries (sorted in path order,
// without .git and without FIFOs, sockets and devices) and its parsed
// ignore file, if any.
type listing struct {
	entries []fs.DirEntry
	m       *Matcher
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

// list reads the folder rel ("" for the root) and its ignore file. buf is
// the caller's scratch buffer for directory reads.
func (r dirReader) list(rel string, buf []byte) *listing {
	if r.onRead != nil {
		r.onRead(rel)
	}
	all, err := readEntries(r.abs(rel), buf)
	if err != nil {
		return &listing{err: &Error{Op: "read dir", Path: dotIfEmpty(rel), Err: err}}
	}
	l := &listing{entries: all[:0]}
	var git, aml bool
	for _, d := range all {
		t := d.Type()
		switch {
		case d.Name() == ".git":
			continue
		case t.IsRegular():
			git = git || d.Name() == gitIgnoreName
			aml = aml || d.Name() == amlIgnoreName
		case t.IsDir(), t&fs.ModeSymlink != 0:
		default:
			continue // FIFO, socket, device: git skips them too
		}
		l.entries = append(l.entries, d)
	}
	slices.SortFunc(l.entries, comparePathOrder)
	if name := r.ignoreName(git, aml); name != "" {
		l.m, l.err = r.readIgnoreFile(joinRel(rel, name))
	}
	return l
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
func comparePathOrder(a, b fs.DirEntry) int {
	an, bn := a.Name(), b.Name()
	n := min(len(an), len(bn))
	if c := cmp.Compare(an[:n], bn[:n]); c != 0 {
		return c
	}
	return cmp.Compare(keyByte(an, n, a.IsDir()), keyByte(bn, n, b.IsDir()))
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
