package snapshot

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// UnpackOptions configures [Unpack]. A nil *UnpackOptions means the defaults.
type UnpackOptions struct {
	// Manifest, when set, is what the stream must contain: every entry must
	// be in it with the same kind, mode, size, hash and target, and every
	// one of its entries must be in the stream. Mismatches are reported as
	// [*MismatchError].
	Manifest *Manifest
}

// unpacker holds the state of one Unpack.
type unpacker struct {
	root  *os.Root
	want  *Manifest
	kinds map[string]byte // cleaned path → tar type flag (TypeReg, TypeDir, TypeSymlink)
	links []Entry         // symlinks, created last
	buf   []byte
}

// Unpack restores a tar stream, such as one written by [Manifest.Pack], into
// dest, which is created if missing and must be empty. It accepts regular
// files, directories and symlinks only, and rejects with an
// [*UnsafeEntryError] naming the entry: absolute paths, ".." elements,
// unclean names, duplicate entries, entries below a symlink or a file, other
// entry types (hard links, devices, FIFOs) and symlinks that are absolute or
// resolve outside dest. Symlinks are created after all files, and all writes
// go through an [os.Root], so no entry can write outside dest. File
// permission bits are preserved; modification times are not.
//
// On error, dest may hold part of the stream; the caller should remove it.
func Unpack(ctx context.Context, r io.Reader, dest string, opts *UnpackOptions) error {
	root, err := emptyRoot(dest)
	if err != nil {
		return err
	}
	defer root.Close()
	u := &unpacker{root: root, kinds: map[string]byte{}, buf: make([]byte, hashBufSize)}
	if opts != nil {
		u.want = opts.Manifest
	}
	tr := tar.NewReader(r)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("snapshot: unpack: %w", err)
		}
		if err := u.entry(hdr, tr); err != nil {
			return err
		}
	}
	return u.finish()
}

// emptyRoot creates dest if needed, checks it is empty and opens it as a root.
func emptyRoot(dest string) (*os.Root, error) {
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return nil, fmt.Errorf("snapshot: unpack: %w", err)
	}
	names, err := os.ReadDir(dest)
	if err != nil {
		return nil, fmt.Errorf("snapshot: unpack: %w", err)
	}
	if len(names) > 0 {
		return nil, fmt.Errorf("snapshot: unpack: destination %s is not empty", dest)
	}
	root, err := os.OpenRoot(dest)
	if err != nil {
		return nil, fmt.Errorf("snapshot: unpack: %w", err)
	}
	return root, nil
}

// entry checks and writes one tar entry.
func (u *unpacker) entry(hdr *tar.Header, r io.Reader) error {
	name, reason := cleanName(hdr.Name)
	unsafe := func(reason UnsafeReason, detail string) error {
		return &UnsafeEntryError{Name: hdr.Name, Target: hdr.Linkname, Reason: reason, Detail: detail}
	}
	if reason != "" {
		return unsafe(reason, "")
	}
	typ := hdr.Typeflag
	if typ == tar.TypeRegA { //nolint:staticcheck // old tar writers still emit it
		typ = tar.TypeReg
	}
	if typ != tar.TypeReg && typ != tar.TypeDir && typ != tar.TypeSymlink {
		return unsafe(UnsafeType, fmt.Sprintf("type flag %q", typ))
	}
	if _, dup := u.kinds[name]; dup {
		return unsafe(UnsafeDuplicate, "")
	}
	for p := path.Dir(name); p != "."; p = path.Dir(p) {
		switch u.kinds[p] {
		case tar.TypeSymlink:
			return unsafe(UnsafeUnderLink, "below "+p)
		case tar.TypeReg:
			return unsafe(UnsafeDuplicate, "below file "+p)
		}
	}
	u.kinds[name] = typ
	e := Entry{Path: name, Mode: fs.FileMode(hdr.Mode) & fs.ModePerm, Size: hdr.Size, Target: hdr.Linkname}
	switch typ {
	case tar.TypeDir:
		return wrapUnpack(u.root.MkdirAll(filepath.FromSlash(name), 0o755))
	case tar.TypeSymlink:
		if isAbsTarget(e.Target) || e.Target == "" {
			return unsafe(UnsafeLink, "")
		}
		e.Kind, e.Mode, e.Size = KindSymlink, 0o777, 0
		u.links = append(u.links, e)
		return u.verify(e)
	}
	e.Kind = KindFile
	return u.writeFile(e, r)
}

// cleanName returns the slash path of a tar entry name (a trailing "/" is
// allowed) or why it is unsafe.
func cleanName(name string) (string, UnsafeReason) {
	if strings.HasPrefix(name, "/") || strings.HasPrefix(name, "\\") || filepath.IsAbs(name) || filepath.VolumeName(name) != "" {
		return "", UnsafeAbsolute
	}
	n := strings.TrimSuffix(name, "/")
	for _, elem := range strings.FieldsFunc(n, func(r rune) bool { return r == '/' || r == '\\' }) {
		if elem == ".." {
			return "", UnsafeParent
		}
	}
	if n == "" || n == "." || !fs.ValidPath(n) || strings.ContainsAny(n, "\\\x00") {
		return "", UnsafeName
	}
	return n, ""
}

// wrapUnpack prefixes a file system error.
func wrapUnpack(err error) error {
	if err != nil {
		return fmt.Errorf("snapshot: unpack: %w", err)
	}
	return nil
}
