package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// tempFile creates a file in tmp/ whose name starts with this process id,
// so that Open can tell an abandoned file from one still being written.
func (s *Store) tempFile() (*os.File, error) {
	return os.CreateTemp(filepath.Join(s.dir, tmpDir), fmt.Sprintf("%d-*.tmp", os.Getpid()))
}

// writeAtomic replaces dst with data: temp file, rename. A reader sees the
// old or the new file, never a mix, and a writer killed at any point leaves
// one of the two. With SyncFull the temp file is fsynced before the rename
// (so a machine crash cannot leave the new name on empty or partial
// content) and the folder after it (so the rename itself is on disk when
// writeAtomic returns).
func (s *Store) writeAtomic(dst string, data []byte, mode os.FileMode, sync Sync) (err error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := s.tempFile()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(f.Name())
		}
	}()
	if err := writeClose(f, data, sync == SyncFull); err != nil {
		return err
	}
	if sync == SyncNone {
		return place(f.Name(), dst, mode)
	}
	return s.commit(f.Name(), dst, mode)
}

// commit gives a complete, synced temp file its mode, renames it to dst
// and fsyncs dst's folder.
func (s *Store) commit(tmp, dst string, mode os.FileMode) error {
	if err := place(tmp, dst, mode); err != nil {
		return err
	}
	return syncDir(filepath.Dir(dst))
}

// place gives a complete temp file its mode and renames it to dst.
func place(tmp, dst string, mode os.FileMode) error {
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

func writeSyncClose(f *os.File, data []byte) error { return writeClose(f, data, true) }

// writeClose writes data to f, fsyncs it when sync is set, and closes it.
func writeClose(f *os.File, data []byte, sync bool) error {
	_, err := f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// syncDir flushes a folder's entries (a rename or unlink in it) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	return errors.Join(err, d.Close())
}
