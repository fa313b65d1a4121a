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
// the walk runs. It returns the items sorted by path and the cache it read
// (nil if none).
func scan(ctx context.Context, absDir string, s settings) ([]item, *statCache, error) {
	cacheCh := make(chan *statCache, 1)
	if s.cacheFile == "" {
		cacheCh <- nil
	} else {
		go func() { cacheCh <- loadStatCache(s.cacheFile, absDir, s.log) }()
	}
	items, err := walkItems(ctx, absDir, s.mode)
	if err != nil {
		<-cacheCh
		return nil, nil, err
	}
	workers := max(1, min(s.workers, len(items)/512))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		share := items[w*len(items)/workers : (w+1)*len(items)/workers]
		wg.Go(func() {
			for i := range share {
				if errs[w] = statItem(absDir, &share[i]); errs[w] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	cache := <-cacheCh
	if err := firstError(append(errs, ctx.Err())); err != nil {
		return nil, nil, err
	}
	cache.lookupAll(items)
	return items, cache, nil
}

// walkItems walks absDir with the ignore rules and returns the kept paths
// sorted by path (a folder-by-folder walk puts "a/b" before "a.o").
func walkItems(ctx context.Context, absDir string, mode ignore.Mode) ([]item, error) {
	var items []item
	err := ignore.Walk(absDir, &ignore.Options{Mode: mode}, func(rel string, _ fs.DirEntry) error {
		if len(items)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		items = append(items, item{entry: Entry{Path: rel}})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot: walking %s: %w", absDir, err)
	}
	byPath := func(a, b item) int { return strings.Compare(a.entry.Path, b.entry.Path) }
	if !slices.IsSortedFunc(items, byPath) {
		slices.SortFunc(items, byPath)
	}
	return items, nil
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

// statItem fills it from one Lstat (and a Readlink for a symlink).
func statItem(absDir string, it *item) error {
	full := absDir + string(filepath.Separator) + filepath.FromSlash(it.entry.Path)
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
		it.entry.Kind, it.entry.Mode, it.entry.Target = KindSymlink, 0o777, target
	case fi.Mode().IsRegular():
		it.entry.Kind, it.entry.Mode, it.entry.Size = KindFile, fi.Mode().Perm(), fi.Size()
		it.stat = statOf(fi)
	default:
		return fmt.Errorf("snapshot: %s is no longer a regular file or symlink (%v)", it.entry.Path, fi.Mode().Type())
	}
	return nil
}
