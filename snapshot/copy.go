package snapshot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// CopyTo copies the snapshot from srcDir (the folder the manifest was taken
// from) into dstDir, which is created if missing. Files are copied, never
// hard-linked, so a run that edits its copy cannot alter the source.
// Permission bits are preserved, symlinks are recreated with
// their recorded targets, and folders are created as needed (mode 0755).
//
// Every file is hashed as it is copied: a file that changed since [Take]
// yields a [*MismatchError]. CopyTo never overwrites: a path that already
// exists in dstDir is an error. Files are copied on up to GOMAXPROCS
// goroutines. On error, dstDir may hold part of the snapshot.
func (m *Manifest) CopyTo(ctx context.Context, srcDir, dstDir string) error {
	src, err := os.OpenRoot(srcDir)
	if err != nil {
		return fmt.Errorf("snapshot: copy: %w", err)
	}
	defer src.Close()
	if err := os.MkdirAll(dstDir, 0o755); err != nil {
		return fmt.Errorf("snapshot: copy: %w", err)
	}
	dst, err := os.OpenRoot(dstDir)
	if err != nil {
		return fmt.Errorf("snapshot: copy: %w", err)
	}
	defer dst.Close()
	workers := runtime.GOMAXPROCS(0)
	bufs := make([][]byte, workers)
	err = forEach(ctx, len(m.Entries), workers, func(w, i int) error {
		e := m.Entries[i]
		if err := mkParent(dst, e.Path); err != nil {
			return err
		}
		if e.Kind == KindSymlink {
			return wrapCopy(dst.Symlink(e.Target, filepath.FromSlash(e.Path)))
		}
		if bufs[w] == nil {
			bufs[w] = make([]byte, hashBufSize)
		}
		return copyFile(src, dst, e, bufs[w])
	})
	return err
}

// copyFile copies one verified file from src to dst with e's permissions.
func copyFile(src, dst *os.Root, e Entry, buf []byte) error {
	in, err := openSource(src, e)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := dst.OpenFile(filepath.FromSlash(e.Path), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return wrapCopy(err)
	}
	err = copyVerified(out, in, e, buf)
	if err == nil {
		err = wrapCopy(out.Chmod(e.Mode))
	}
	if cerr := out.Close(); err == nil {
		err = wrapCopy(cerr)
	}
	return err
}

// mkParent creates the parent folders of the slash path rel below root.
func mkParent(root *os.Root, rel string) error {
	if dir := filepath.Dir(filepath.FromSlash(rel)); dir != "." {
		return wrapCopy(root.MkdirAll(dir, 0o755))
	}
	return nil
}

// wrapCopy prefixes a file system error.
func wrapCopy(err error) error {
	if err != nil {
		return fmt.Errorf("snapshot: copy: %w", err)
	}
	return nil
}
