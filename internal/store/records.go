package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func (s *Store) recordPath(key string) string {
	return filepath.Join(s.dir, recordsDir, filepath.FromSlash(key)+".json")
}

// WriteJSON stores v, encoded as indented JSON, as the record key, replacing
// any previous value atomically. A key is one or more "/"-separated
// segments of [A-Za-z0-9._-], none starting with a dot or ending in ".json"
// (e.g. "runs/exp1/run_42"); an invalid key is a [*KeyError]. Writers of one
// key are serialized with [Store.Update] and [Store.Delete].
func (s *Store) WriteJSON(ctx context.Context, key string, v any) error {
	if err := validKey("key", key); err != nil {
		return err
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("store: write %s: %w", key, err)
	}
	return s.withKeyLock(ctx, key, func() error {
		return s.writeRecord(key, append(data, '\n'), SyncFull)
	})
}

func (s *Store) writeRecord(key string, data []byte, sync Sync) error {
	if err := s.writeAtomic(s.recordPath(key), data, 0o644, sync); err != nil {
		return fmt.Errorf("store: write %s: %w", key, err)
	}
	return nil
}

// ReadJSON decodes the record key into v. A missing record is a
// [*NotFoundError] (errors.Is [ErrNotFound] and fs.ErrNotExist). Reads take
// no lock: writes replace whole files, so a read never sees a partial value.
func (s *Store) ReadJSON(ctx context.Context, key string, v any) error {
	data, err := s.Read(ctx, key)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return &CorruptError{Key: key, Path: s.recordPath(key), Err: err}
	}
	return nil
}

// Read returns the raw JSON of the record key (see [Store.ReadJSON]).
func (s *Store) Read(ctx context.Context, key string) ([]byte, error) {
	if err := validKey("key", key); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(s.recordPath(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotFoundError{What: "record", Key: key}
	}
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", key, err)
	}
	return data, nil
}

// Delete removes the record key. A missing record is a [*NotFoundError].
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := validKey("key", key); err != nil {
		return err
	}
	return s.withKeyLock(ctx, key, func() error {
		path := s.recordPath(key)
		err := os.Remove(path)
		if errors.Is(err, fs.ErrNotExist) {
			return &NotFoundError{What: "record", Key: key}
		}
		if err == nil {
			err = syncDir(filepath.Dir(path))
		}
		if err != nil {
			return fmt.Errorf("store: delete %s: %w", key, err)
		}
		return nil
	})
}

// Update runs a read-modify-write of the record key under the key's
// exclusive lock, so concurrent updates from any number of processes are
// never lost. fn receives the current JSON (nil when the record does not
// exist) and returns the new JSON; returning nil bytes leaves the record as
// it is, and returning an error aborts the update and is returned as is.
// The new value must be valid JSON. fn must not write key itself (through
// this or another Store): the lock is not reentrant and that would deadlock.
// The new value is on disk when Update returns ([SyncFull]).
func (s *Store) Update(ctx context.Context, key string, fn func(cur []byte) ([]byte, error)) error {
	return s.UpdateWith(ctx, key, nil, fn)
}

// UpdateWith is [Store.Update] with write options: opts.Sync [SyncNone]
// skips the fsyncs for a value that only needs to survive the death of
// processes, not of the machine. A nil opts means the defaults; an unknown
// Sync is an [*OptionError].
func (s *Store) UpdateWith(ctx context.Context, key string, opts *WriteOptions, fn func(cur []byte) ([]byte, error)) error {
	if err := validKey("key", key); err != nil {
		return err
	}
	sync, err := opts.sync()
	if err != nil {
		return err
	}
	return s.withKeyLock(ctx, key, func() error {
		cur, err := s.Read(ctx, key)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		next, err := fn(cur)
		if err != nil || next == nil {
			return err
		}
		if !json.Valid(next) {
			return fmt.Errorf("store: update %s: new value is not valid JSON", key)
		}
		return s.writeRecord(key, next, sync)
	})
}

func (s *Store) withKeyLock(ctx context.Context, key string, fn func() error) (err error) {
	unlock, err := s.lockKey(ctx, key)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, unlock()) }()
	return fn()
}

// List returns, sorted, the keys of all records that start with prefix
// ("" lists everything). The part of prefix up to its last "/" must be a
// valid key, e.g. "runs/" or "runs/exp1/run_".
func (s *Store) List(ctx context.Context, prefix string) ([]string, error) {
	base, err := s.listBase(prefix)
	if err != nil {
		return nil, err
	}
	root := filepath.Join(s.dir, recordsDir)
	var keys []string
	err = filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		key, isRecord := strings.CutSuffix(filepath.ToSlash(rel), ".json")
		if isRecord && d.Type().IsRegular() && strings.HasPrefix(key, prefix) {
			keys = append(keys, key)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: list %q: %w", prefix, err)
	}
	slices.Sort(keys)
	return keys, nil
}

// listBase returns the deepest folder that holds every key with prefix.
func (s *Store) listBase(prefix string) (string, error) {
	root := filepath.Join(s.dir, recordsDir)
	i := strings.LastIndexByte(prefix, '/')
	if i < 0 {
		return root, nil
	}
	if reason := keyProblem(prefix[:i]); reason != "" {
		return "", &KeyError{Field: "prefix", Value: prefix, Reason: reason}
	}
	return filepath.Join(root, filepath.FromSlash(prefix[:i])), nil
}
