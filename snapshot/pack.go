package snapshot

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// packTime is the modification time of every entry Pack writes.
var packTime = time.Unix(0, 0).UTC()

// Pack writes the snapshot to w as a tar stream, reading the files from dir
// (the folder the manifest was taken from). The stream is deterministic: the
// same manifest and content always give the same bytes. Entries come in
// manifest order (sorted by path) in PAX format, with their permission bits,
// modification time 1970-01-01T00:00:00Z, uid and gid 0 and no user or group
// names; folders are implied by the paths and have no entries. Modification
// times are not part of a snapshot.
//
// Each file is hashed as it is written. If a file changed since [Take], Pack
// returns a [*MismatchError] and the stream written so far must be discarded.
func (m *Manifest) Pack(ctx context.Context, dir string, w io.Writer) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("snapshot: pack: %w", err)
	}
	defer root.Close()
	tw := tar.NewWriter(w)
	buf := make([]byte, hashBufSize)
	for _, e := range m.Entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := packEntry(tw, root, e, buf); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("snapshot: pack: %w", err)
	}
	return nil
}

// packEntry writes one entry's header and, for a file, its verified content.
func packEntry(tw *tar.Writer, root *os.Root, e Entry, buf []byte) error {
	hdr := &tar.Header{Name: e.Path, Mode: int64(e.Mode), ModTime: packTime, Format: tar.FormatPAX}
	if e.Kind == KindSymlink {
		hdr.Typeflag, hdr.Linkname = tar.TypeSymlink, e.Target
		return wrapPack(tw.WriteHeader(hdr))
	}
	f, err := openSource(root, e)
	if err != nil {
		return err
	}
	defer f.Close()
	hdr.Typeflag, hdr.Size = tar.TypeReg, e.Size
	if err := tw.WriteHeader(hdr); err != nil {
		return wrapPack(err)
	}
	return copyVerified(tw, f, e, buf)
}

// wrapPack prefixes a tar writing error.
func wrapPack(err error) error {
	if err != nil {
		return fmt.Errorf("snapshot: pack: %w", err)
	}
	return nil
}

// openSource opens the file of e below root and checks it is still a
// regular file of the recorded size.
func openSource(root *os.Root, e Entry) (*os.File, error) {
	f, err := root.Open(filepath.FromSlash(e.Path))
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = &MismatchError{Path: e.Path, Field: "kind", Want: string(KindFile), Got: fi.Mode().Type().String()}
	} else if err == nil && fi.Size() != e.Size {
		err = &MismatchError{Path: e.Path, Field: "size", Want: strconv.FormatInt(e.Size, 10), Got: strconv.FormatInt(fi.Size(), 10)}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// copyVerified copies e.Size bytes from src to dst and checks that src held
// exactly that many bytes with e's hash; otherwise it returns a *MismatchError.
func copyVerified(dst io.Writer, src io.Reader, e Entry, buf []byte) error {
	h := sha256.New()
	n, err := io.CopyBuffer(io.MultiWriter(dst, h), io.LimitReader(src, e.Size), buf)
	if err != nil {
		return fmt.Errorf("snapshot: copying %s: %w", e.Path, err)
	}
	want := strconv.FormatInt(e.Size, 10)
	if n != e.Size {
		return &MismatchError{Path: e.Path, Field: "size", Want: want, Got: strconv.FormatInt(n, 10)}
	}
	if extra, _ := src.Read(buf[:1]); extra > 0 {
		return &MismatchError{Path: e.Path, Field: "size", Want: want, Got: "more than " + want}
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != e.SHA256 {
		return &MismatchError{Path: e.Path, Field: "sha256", Want: e.SHA256, Got: got}
	}
	return nil
}
