package snapshot

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/azureml-go/azureml/snapshot/internal/ignore"
)

// scan walks absDir and fills hashes from the stat cache where it vouches
// for them. The walk's folder readers lstat every kept file as they list
// its folder, so the stats run on the readers' goroutines, overlapping the
// walk; the cache is read while the walk runs. It returns the tree and the
// cache it read (nil if none).
func scan(ctx context.Context, absDir string, s settings) (tree, *statCache, error) {
	cacheCh := make(chan *statCache, 1)
	if s.cacheFile == "" {
		cacheCh <- nil
	} else {
		go func() { cacheCh <- loadStatCache(s.cacheFile, absDir, s.log) }()
	}
	var cache *statCache
	loaded := false
	load := func() *statCache {
		if !loaded {
			cache, loaded = <-cacheCh, true
		}
		return cache
	}
	t, err := walkTree(ctx, absDir, s.mode, load)
	load()
	if err != nil {
		return tree{}, nil, err
	}
	t.cached = make([]bool, len(t.entries))
	cache.lookupAll(t)
	return t, cache, nil
}

// walkTree walks absDir with the ignore rules and returns the kept paths,
// with their stats, sorted by path. At the first file it calls cache, whose
// size is a good guess of the tree's.
func walkTree(ctx context.Context, absDir string, mode ignore.Mode, cache func() *statCache) (tree, error) {
	var t tree
	var entryErr error
	err := ignore.Walk(absDir, &ignore.Options{Mode: mode, Stat: true}, func(rel string, d fs.DirEntry) error {
		if t.entries == nil {
			n := 64
			if c := cache(); c != nil {
				n += len(c.Files) + len(c.Files)/16
			}
			t.entries, t.stats = make([]Entry, 0, n), make([]fileStat, 0, n)
		}
		if len(t.entries)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		e, st := Entry{Path: rel}, fileStat{}
		if entryErr = fillEntry(absDir, d, &e, &st); entryErr != nil {
			return entryErr
		}
		t.entries = append(t.entries, e)
		t.stats = append(t.stats, st)
		return nil
	})
	if entryErr != nil {
		return tree{}, entryErr
	}
	if err != nil {
		return tree{}, fmt.Errorf("snapshot: walking %s: %w", absDir, err)
	}
	t.sort()
	return t, nil
}

// fillEntry fills e and st from the lstat result of d (and a Readlink for
// a symlink).
func fillEntry(absDir string, d fs.DirEntry, e *Entry, st *fileStat) error {
	fi, err := d.Info()
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(absDir + string(filepath.Separator) + filepath.FromSlash(e.Path))
		if err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
		e.Kind, e.Mode, e.Target = KindSymlink, 0o777, target
	case fi.Mode().IsRegular():
		*st = statOf(fi)
		e.Kind, e.Mode, e.Size = KindFile, fi.Mode().Perm(), st.Size
	default:
		return fmt.Errorf("snapshot: %s is no longer a regular file or symlink (%v)", e.Path, fi.Mode().Type())
	}
	return nil
}

// sort orders the entries (and their stats) by path. The walk already
// yields them in that order, so this is a check that costs one comparison
// per entry.
func (t *tree) sort() {
	byPath := func(a, b Entry) int { return strings.Compare(a.Path, b.Path) }
	if slices.IsSortedFunc(t.entries, byPath) {
		return
	}
	idx := make([]int, len(t.entries))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return byPath(t.entries[a], t.entries[b]) })
	entries, stats := make([]Entry, len(idx)), make([]fileStat, len(idx))
	for i, j := range idx {
		entries[i], stats[i] = t.entries[j], t.stats[j]
	}
	t.entries, t.stats = entries, stats
}
