package snapshot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// hashBufSize is the read size used when hashing; large reads keep the
// per-syscall cost small next to SHA-256.
const hashBufSize = 256 << 10

// tree is a scanned source folder: parallel slices, one element per entry.
type tree struct {
	entries []Entry     // sorted by path; a file's SHA256 is "" until known
	cached  []bool      // whether the file's hash came from the stat cache
	hashes  []byte      // the cached hashes, shaHexLen bytes per entry (see settle)
	recs    []uint32    // the file's stat cache record (see statCache.index)
	fresh   *freshStats // the stats of the files the cache did not vouch for
}

// Take snapshots the folder dir: it lists the files and symlinks the ignore
// rules keep, fails with a [*LimitError] if they exceed the limits (before
// reading any content), with a [*SymlinkError] if a link points outside dir
// (unless allowed), hashes the files that the stat cache cannot vouch for and
// returns the manifest. opts may be nil for the defaults.
//
// Take never modifies dir. The stat cache, when enabled, is updated
// atomically; a cache that cannot be read or written is ignored.
func Take(ctx context.Context, dir string, opts *Options) (*Manifest, error) {
	start := time.Now().Add(-clockMargin)
	absDir, err := sourceDir(dir)
	if err != nil {
		return nil, err
	}
	s, err := opts.resolve(absDir)
	if err != nil {
		return nil, err
	}
	t, cache, err := scan(ctx, absDir, s)
	if err != nil {
		return nil, err
	}
	defer cache.close()
	m := &Manifest{Entries: t.entries}
	if !s.external {
		if err := checkLinks(m.Entries); err != nil {
			return nil, err
		}
	}
	if err := checkLimits(absDir, m.Entries, s); err != nil {
		return nil, err
	}
	if err := hashFiles(ctx, absDir, t, s.workers); err != nil {
		return nil, err
	}
	m.Stats = t.collect()
	if s.cacheFile != "" && (m.Stats.HashedFiles > 0 || cache == nil || cache.count != m.Stats.CachedFiles) {
		if err := saveCache(s.cacheFile, encodeCache(absDir, start, t, cache)); err != nil {
			s.log.Debug("snapshot: stat cache not saved", "file", s.cacheFile, "err", err)
		}
	}
	return m, nil
}

// sourceDir returns the absolute, clean path of dir, which must be a folder.
func sourceDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("snapshot: source folder %q: %w", dir, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("snapshot: source folder: %w", err)
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("snapshot: source folder: %w", &fs.PathError{Op: "stat", Path: abs, Err: syscall.ENOTDIR})
	}
	return abs, nil
}

// hashFiles hashes, on the worker pool, every file the cache did not vouch for.
func hashFiles(ctx context.Context, absDir string, t tree, workers int) error {
	var todo []int
	for i := range t.entries {
		if t.entries[i].Kind == KindFile && !t.cached[i] {
			todo = append(todo, i)
		}
	}
	bufs := make([][]byte, max(1, min(workers, len(todo))))
	return forEach(ctx, len(todo), workers, func(w, j int) error {
		if bufs[w] == nil {
			bufs[w] = make([]byte, hashBufSize)
		}
		e := &t.entries[todo[j]]
		sum, err := hashFile(filepath.Join(absDir, filepath.FromSlash(e.Path)), e.Size, bufs[w])
		if err != nil {
			return err
		}
		if sum.size != e.Size {
			return &MismatchError{Path: e.Path, Field: "size", Want: fmt.Sprint(e.Size), Got: fmt.Sprint(sum.size)}
		}
		e.SHA256 = sum.hex
		return nil
	})
}

// fileSum is the result of hashing a file.
type fileSum struct {
	hex  string
	size int64
}

// hashFile hashes up to want+1 bytes of the file (enough to see it grew).
func hashFile(name string, want int64, buf []byte) (fileSum, error) {
	f, err := os.Open(name)
	if err != nil {
		return fileSum{}, fmt.Errorf("snapshot: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, io.LimitReader(f, want+1), buf)
	if err != nil {
		return fileSum{}, fmt.Errorf("snapshot: reading %s: %w", name, err)
	}
	return fileSum{hex: hex.EncodeToString(h.Sum(nil)), size: n}, nil
}

// collect computes the stats of a finished snapshot.
func (t tree) collect() Stats {
	st := Stats{Files: len(t.entries)}
	for i, e := range t.entries {
		st.Bytes += e.Size
		if e.Kind != KindFile {
			continue
		}
		if t.cached[i] {
			st.CachedFiles++
		} else {
			st.HashedFiles++
			st.HashedBytes += e.Size
		}
	}
	return st
}
