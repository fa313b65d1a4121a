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

// writeAtomic replaces dst with data: temp file, fsync, rename, fsync of
// the destination folder. A reader sees the old or the new file, never a
// mix, and a crash at any point leaves one of the two.
func (s *Store) writeAtomic(dst string, data []byte, mode os.FileMode) (err error) {
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
	if err := writeSyncClose(f, data); err != nil {
		return err
	}
	return s.commit(f.Name(), dst, mode)
}

// commit gives a complete, synced temp file its mode and renames it to dst.
func (s *Store) commit(tmp, dst string, mode os.FileMode) error {
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	return syncDir(filepath.Dir(dst))
}

func writeSyncClose(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
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
