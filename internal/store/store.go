package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// FormatVersion is the layout version this package writes and reads.
const FormatVersion = 1

const (
	formatFile   = "format.json"
	formatPrefix = ".format-"
	recordsDir   = "records"
	objectsDir   = "objects"
	locksDir     = "locks"
	tmpDir       = "tmp"
)

// Store is an open store folder. It holds no open files: it is cheap, and
// safe for concurrent use by several goroutines; several processes may open
// the same folder at once.
type Store struct {
	dir string
}

type formatDoc struct {
	Format int `json:"format"`
}

// Open opens the store in dir, creating the folder and its layout when
// missing (see the package documentation). It is idempotent and safe when
// several processes open the same new folder at once. It refuses a non-empty
// folder that is not a store, and a store of a newer format, with a
// [*FormatError]. It removes temporary files left by processes that died.
func Open(ctx context.Context, dir string) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	if err := ensureFormat(abs); err != nil {
		return nil, err
	}
	for _, sub := range []string{recordsDir, objectsDir, locksDir, tmpDir} {
		if err := os.MkdirAll(filepath.Join(abs, sub), 0o755); err != nil {
			return nil, fmt.Errorf("store: open: %w", err)
		}
	}
	s := &Store{dir: abs}
	if err := s.cleanTmp(); err != nil {
		return nil, err
	}
	return s, nil
}

// Dir returns the absolute path of the store folder.
func (s *Store) Dir() string { return s.dir }

// ensureFormat writes format.json into a new folder, or checks the one that
// is there. The file is written first, before any other part of the layout,
// under a temporary name and hard-linked into place (which fails rather than
// replaces when another process got there first).
func ensureFormat(dir string) error {
	path := filepath.Join(dir, formatFile)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := checkEmpty(dir); err != nil {
			// Another process may have created the store since the Stat:
			// it links format.json before it makes anything else.
			if _, serr := os.Stat(path); serr != nil {
				return err
			}
			return readFormat(path)
		}
		if err := createFormat(dir, path); err != nil {
			return err
		}
	}
	return readFormat(path)
}

func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	for _, e := range entries {
		if e.Name() != formatFile && !strings.HasPrefix(e.Name(), formatPrefix) {
			return &FormatError{Path: dir, Reason: "folder is not empty and is not a store (no " + formatFile + ")"}
		}
	}
	return nil
}

func createFormat(dir, path string) error {
	data, _ := json.Marshal(formatDoc{Format: FormatVersion})
	f, err := os.CreateTemp(dir, fmt.Sprintf("%s%d-*", formatPrefix, os.Getpid()))
	if err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	defer os.Remove(f.Name())
	if err := writeSyncClose(f, data); err != nil {
		return fmt.Errorf("store: open: write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	if err := os.Link(f.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("store: open: %w", err)
	}
	return syncDir(dir)
}

func readFormat(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	var doc formatDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return &FormatError{Path: path, Reason: "unreadable format file: " + err.Error()}
	}
	if doc.Format < 1 || doc.Format > FormatVersion {
		return &FormatError{Path: path, Reason: fmt.Sprintf("format %d, this version reads format %d", doc.Format, FormatVersion)}
	}
	return nil
}

// cleanTmp removes temporary files whose writing process no longer exists:
// those in tmp/ and the format file's in the store folder itself.
func (s *Store) cleanTmp() error {
	if err := cleanDead(filepath.Join(s.dir, tmpDir), ""); err != nil {
		return err
	}
	return cleanDead(s.dir, formatPrefix)
}

func cleanDead(dir, prefix string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || ownerAlive(rest) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("store: open: clean %s: %w", dir, err)
		}
	}
	return nil
}

// ownerAlive reports whether the process named by a temporary file's
// "<pid>-" prefix still exists. Files without that prefix were not made by
// this package and count as dead.
func ownerAlive(name string) bool {
	pidText, _, ok := strings.Cut(name, "-")
	pid, err := strconv.Atoi(pidText)
	if !ok || err != nil || pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	err = syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
