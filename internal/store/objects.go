package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ObjectPath returns where the object with the given lowercase hex sha256
// lives: objects/<hash[:2]>/<hash[2:]> under the store folder. The file is
// read-only and must never be modified. An invalid hash gives "".
func (s *Store) ObjectPath(hash string) string {
	if validHash(hash) != nil {
		return ""
	}
	return filepath.Join(s.dir, objectsDir, hash[:2], hash[2:])
}

// HasObject reports whether the object with the given hash is stored.
func (s *Store) HasObject(hash string) bool {
	p := s.ObjectPath(hash)
	if p == "" {
		return false
	}
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// PutObject streams r into the store and returns its sha256 (lowercase hex)
// and size. Content already stored is not written twice, and concurrent puts
// of the same content are safe: each writes its own temporary file and the
// rename of identical bytes into place is harmless. Reading stops with ctx's
// error when ctx is done.
func (s *Store) PutObject(ctx context.Context, r io.Reader) (hash string, n int64, err error) {
	f, err := s.tempFile()
	if err != nil {
		return "", 0, fmt.Errorf("store: put object: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(f.Name())
		}
	}()
	h := sha256.New()
	n, err = io.Copy(io.MultiWriter(f, h), ctxReader{ctx: ctx, r: r})
	if err == nil {
		err = f.Sync()
	}
	if err = errors.Join(err, f.Close()); err != nil {
		return "", n, fmt.Errorf("store: put object: %w", err)
	}
	hash = hex.EncodeToString(h.Sum(nil))
	if err := s.placeObject(f.Name(), hash); err != nil {
		return "", n, fmt.Errorf("store: put object %s: %w", hash, err)
	}
	return hash, n, nil
}

func (s *Store) placeObject(tmp, hash string) error {
	dst := s.ObjectPath(hash)
	if s.HasObject(hash) {
		return os.Remove(tmp)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return s.commit(tmp, dst, 0o444)
}

// PutFile stores the content of the file at path (see [Store.PutObject]).
// It always copies: a hard link would share the file with its owner, who
// could then change a stored object in place and break its hash.
func (s *Store) PutFile(ctx context.Context, path string) (hash string, n int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("store: put file: %w", err)
	}
	defer f.Close()
	return s.PutObject(ctx, f)
}

// OpenObject opens the object with the given hash for reading. A missing
// object is a [*NotFoundError]; an invalid hash is a [*KeyError].
func (s *Store) OpenObject(ctx context.Context, hash string) (io.ReadCloser, error) {
	if err := validHash(hash); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(s.ObjectPath(hash))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotFoundError{What: "object", Key: hash}
	}
	if err != nil {
		return nil, fmt.Errorf("store: open object: %w", err)
	}
	return f, nil
}

// ctxReader stops a copy when its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
