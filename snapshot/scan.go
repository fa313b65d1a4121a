package snapshot

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/azureml-go/azureml/snapshot/internal/ignore"
)

// scan walks absDir, then stats every kept path (one Lstat each) on the
// worker pool, each worker taking one contiguous share, and fills hashes
// from the stat cache where it vouches for them. The cache is read while
// the walk runs. It returns the tree and the cache it read (nil if none).
func scan(ctx context.Context, absDir string, s settings) (tree, *statCache, error) {
	cacheCh := make(chan *statCache, 1)
	if s.cacheFile == "" {
		cacheCh <- nil
	} else {
		go func() { cacheCh <- loadStatCache(s.cacheFile, absDir, s.log) }()
	}
	entries, err := walkEntries(ctx, absDir, s.mode)
	if err != nil {
		<-cacheCh
		return tree{}, nil, err
	}
	t := tree{entries: entries, stats: make([]fileStat, len(entries)), cached: make([]bool, len(entries))}
	n := len(entries)
	workers := max(1, min(s.workers, n/512))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Go(func() {
			st := newStatter(absDir)
			defer st.close()
			for i := lo; i < hi && errs[w] == nil; i++ {
				errs[w] = st.stat(&t.entries[i], &t.stats[i])
			}
		})
	}
	wg.Wait()
	cache := <-cacheCh
	if err := firstError(append(errs, ctx.Err())); err != nil {
		return tree{}, nil, err
	}
	cache.lookupAll(t)
	return t, cache, nil
}

// walkEntries walks absDir with the ignore rules and returns the kept paths
// sorted by path (a folder-by-folder walk puts "a/b" before "a.o").
func walkEntries(ctx context.Context, absDir string, mode ignore.Mode) ([]Entry, error) {
	var entries []Entry
	err := ignore.Walk(absDir, &ignore.Options{Mode: mode}, func(rel string, _ fs.DirEntry) error {
		if len(entries)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		entries = append(entries, Entry{Path: rel})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot: walking %s: %w", absDir, err)
	}
	byPath := func(a, b Entry) int { return strings.Compare(a.Path, b.Path) }
	if !slices.IsSortedFunc(entries, byPath) {
		slices.SortFunc(entries, byPath)
	}
	return entries, nil
}

// firstError returns the first non-nil error.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// statEntry fills e and st from one Lstat (and a Readlink for a symlink).
func statEntry(absDir string, e *Entry, st *fileStat) error {
	full := absDir + string(filepath.Separator) + filepath.FromSlash(e.Path)
	fi, err := os.Lstat(full)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(full)
		if err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
		e.Kind, e.Mode, e.Target = KindSymlink, 0o777, target
	case fi.Mode().IsRegular():
		e.Kind, e.Mode, e.Size = KindFile, fi.Mode().Perm(), fi.Size()
		*st = statOf(fi)
	default:
		return fmt.Errorf("snapshot: %s is no longer a regular file or symlink (%v)", e.Path, fi.Mode().Type())
	}
	return nil
}
