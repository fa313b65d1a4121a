package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Create stores data (valid JSON) as the new record key, and fails with an
// [*ExistsError] (errors.Is fs.ErrExist) when the record exists. It is
// atomic like every write: the complete temporary file is hard-linked to
// the record's name, which either makes the record or finds one, so two
// Creates of one key never both succeed and a reader sees no record or
// the whole value.
//
// Create takes no lock, and so makes no lock file: it never replaces a
// record, so it needs none against other Creates, and a key's lock file is
// made only when the record is first updated (for a run, after its script
// has started rather than before). An [Store.Update] of the same key that
// began before the record existed (and so was given nil) may still
// replace it; do not create a key that Updates may also create. A nil
// opts means the defaults ([SyncFull]).
func (s *Store) Create(ctx context.Context, key string, data []byte, opts *WriteOptions) error {
	if err := validKey("key", key); err != nil {
		return err
	}
	sync, err := opts.sync()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if !json.Valid(data) {
		return fmt.Errorf("store: create %s: value is not valid JSON", key)
	}
	if err := s.linkNew(s.recordPath(key), data, sync); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &ExistsError{Key: key}
		}
		return fmt.Errorf("store: create %s: %w", key, err)
	}
	return nil
}

// linkNew writes data to a temporary file and links it to dst, which must
// not exist, then removes the temporary name. With SyncFull the file is
// fsynced before the link and dst's folder after it.
func (s *Store) linkNew(dst string, data []byte, sync Sync) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := s.tempFile()
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := writeClose(f, data, sync == SyncFull); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Link(f.Name(), dst); err != nil {
		return err
	}
	if sync == SyncFull {
		return syncDir(filepath.Dir(dst))
	}
	return nil
}
