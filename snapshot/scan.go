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

// scan walks absDir, lstats the kept files and fills hashes from the stat
// cache where it vouches for them; the cache is read while the walk runs.
// It returns the tree and the cache it read (nil if none).
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
	t, stats, err := walkTree(ctx, absDir, s.mode, load)
	load()
	if err != nil {
		cache.close()
		return tree{}, nil, err
	}
	n := len(t.entries)
	t.cached, t.recs, t.fresh = make([]bool, n), cache.index(t.entries), &freshStats{n: n}
	if cache != nil {
		t.hashes = make([]byte, n*shaHexLen)
	}
	if lstatAfterWalk {
		err = lstatFiles(ctx, absDir, t, cache)
	} else {
		for i := range t.entries {
			if t.entries[i].Kind == KindFile {
				t.settle(i, stats[i], cache)
			}
		}
	}
	if err != nil {
		cache.close()
		return tree{}, nil, err
	}
	return t, cache, nil
}

// walkTree walks absDir with the ignore rules and returns the kept paths
// sorted by path, and unless lstatAfterWalk, the files' stats. At the first
// file it calls cache, whose size is a good guess of the tree's.
func walkTree(ctx context.Context, absDir string, mode ignore.Mode, cache func() *statCache) (tree, []fileStat, error) {
	var t tree
	var stats []fileStat
	var entryErr error
	err := ignore.Walk(absDir, &ignore.Options{Mode: mode}, func(rel string, d fs.DirEntry) error {
		if t.entries == nil {
			n := 64
			if c := cache(); c != nil {
				n += c.count + c.count/16
			}
			t.entries = make([]Entry, 0, n)
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
		if !lstatAfterWalk {
			stats = append(stats, st)
		}
		return nil
	})
	if entryErr != nil {
		return tree{}, nil, entryErr
	}
	if err != nil {
		return tree{}, nil, fmt.Errorf("snapshot: walking %s: %w", absDir, err)
	}
	stats = t.sort(stats)
	return t, stats, nil
}

// fillEntry fills e from d: its kind, and for a symlink its target. Unless
// lstatFiles runs after the walk, it also fills a file's mode, size and st
// from the lstat result of d.
func fillEntry(absDir string, d fs.DirEntry, e *Entry, st *fileStat) error {
	typ := d.Type()
	if !lstatAfterWalk {
		fi, err := d.Info()
		if err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
		typ = fi.Mode().Type()
		if typ.IsRegular() {
			*st = statOf(fi)
			e.Mode, e.Size = fi.Mode().Perm(), st.Size
		}
	}
	switch {
	case typ&fs.ModeSymlink != 0:
		target, err := os.Readlink(absDir + string(filepath.Separator) + filepath.FromSlash(e.Path))
		if err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
		e.Kind, e.Mode, e.Target = KindSymlink, 0o777, target
	case typ.IsRegular():
		e.Kind = KindFile
	default:
		return notRegular(e.Path, typ)
	}
	return nil
}

// notRegular is the error for a listed file that turned into something
// else than a regular file or symlink.
func notRegular(path string, mode fs.FileMode) error {
	return fmt.Errorf("snapshot: %s is no longer a regular file or symlink (%v)", path, mode.Type())
}

// sort orders the entries (and stats, when not nil) by path and returns
// the stats. The walk already yields them in that order, so this is a check
// that costs one comparison per entry.
func (t *tree) sort(stats []fileStat) []fileStat {
	byPath := func(a, b Entry) int { return strings.Compare(a.Path, b.Path) }
	if slices.IsSortedFunc(t.entries, byPath) {
		return stats
	}
	idx := make([]int, len(t.entries))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return byPath(t.entries[a], t.entries[b]) })
	entries := make([]Entry, len(idx))
	var sorted []fileStat
	if stats != nil {
		sorted = make([]fileStat, len(idx))
	}
	for i, j := range idx {
		entries[i] = t.entries[j]
		if stats != nil {
			sorted[i] = stats[j]
		}
	}
	t.entries = entries
	return sorted
}
