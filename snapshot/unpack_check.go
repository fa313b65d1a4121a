package snapshot

import (
	"archive/tar"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
)

// writeFile creates the file of e below the root with e's content from r,
// checked against the manifest when there is one.
func (u *unpacker) writeFile(e Entry, r io.Reader) error {
	if err := u.verify(e); err != nil {
		return err
	}
	name := filepath.FromSlash(e.Path)
	if dir := filepath.Dir(name); dir != "." {
		if err := u.root.MkdirAll(dir, 0o755); err != nil {
			return wrapUnpack(err)
		}
	}
	f, err := u.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return wrapUnpack(err)
	}
	if u.want != nil {
		w, _ := u.want.Lookup(e.Path)
		err = copyVerified(f, r, w, u.buf)
	} else {
		_, err = io.CopyBuffer(f, io.LimitReader(r, e.Size), u.buf)
		err = wrapUnpack(err)
	}
	if err == nil {
		err = wrapUnpack(f.Chmod(e.Mode))
	}
	if cerr := f.Close(); err == nil {
		err = wrapUnpack(cerr)
	}
	return err
}

// verify compares e with its manifest entry, if there is a manifest; the
// hash of a file is checked while it is written.
func (u *unpacker) verify(e Entry) error {
	if u.want == nil {
		return nil
	}
	w, ok := u.want.Lookup(e.Path)
	mismatch := func(field, want, got string) error {
		return &MismatchError{Path: e.Path, Field: field, Want: want, Got: got}
	}
	switch {
	case !ok:
		return mismatch("unexpected", "", string(e.Kind))
	case w.Kind != e.Kind:
		return mismatch("kind", string(w.Kind), string(e.Kind))
	case w.Mode != e.Mode:
		return mismatch("mode", fmt.Sprintf("%04o", uint32(w.Mode)), fmt.Sprintf("%04o", uint32(e.Mode)))
	case w.Size != e.Size:
		return mismatch("size", strconv.FormatInt(w.Size, 10), strconv.FormatInt(e.Size, 10))
	case w.Target != e.Target:
		return mismatch("target", w.Target, e.Target)
	}
	return nil
}

// finish checks the symlinks as a whole, creates them and checks that
// nothing in the manifest was missing.
func (u *unpacker) finish() error {
	targets := make(map[string]string, len(u.links))
	for _, l := range u.links {
		targets[l.Path] = l.Target
	}
	for name := range u.kinds {
		for p := path.Dir(name); p != "."; p = path.Dir(p) {
			if _, ok := targets[p]; ok {
				return &UnsafeEntryError{Name: name, Reason: UnsafeUnderLink, Detail: "below " + p}
			}
		}
	}
	for _, l := range u.links {
		if !linkStaysInside(l.Path, l.Target, targets) {
			return &UnsafeEntryError{Name: l.Path, Target: l.Target, Reason: UnsafeLink}
		}
	}
	for _, l := range u.links {
		name := filepath.FromSlash(l.Path)
		if dir := filepath.Dir(name); dir != "." {
			if err := u.root.MkdirAll(dir, 0o755); err != nil {
				return wrapUnpack(err)
			}
		}
		if err := u.root.Symlink(l.Target, name); err != nil {
			return wrapUnpack(err)
		}
	}
	if u.want == nil {
		return nil
	}
	for _, w := range u.want.Entries {
		if typ, ok := u.kinds[w.Path]; !ok || typ == tar.TypeDir {
			return &MismatchError{Path: w.Path, Field: "missing", Want: string(w.Kind)}
		}
	}
	return nil
}
