package compute

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/snapshot"
)

// storeCache opens the workspace store once for a Local's runs (a failed
// open is tried again on the next call).
type storeCache struct {
	mu sync.Mutex
	st *store.Store
}

// get returns the store in dir.
func (c *storeCache) get(ctx context.Context, dir string) (*store.Store, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st == nil {
		st, err := store.Open(ctx, dir)
		if err != nil {
			return nil, err
		}
		c.st = st
	}
	return c.st, nil
}

// placeSnapshot fills wd with the job's snapshot.
//
// When the workspace store holds every file of the snapshot as an object
// (experiment.Submit stores them before it starts a run), the files are
// copied from there. An object is named by the sha256 of its content,
// computed when it was stored, and is never changed, so the copy needs no
// hashing; the kernel moves the bytes (copy_file_range, which shares the
// blocks where the file system can). The objects are copied rather than
// hard-linked: a link would share the object's read-only mode with the
// script instead of the file's own, and a script running as root could
// change a stored object through it.
//
// Otherwise (a job built by hand, a store without the objects) the
// snapshot is copied from the source folder with [snapshot.Manifest.CopyTo],
// which checks every file against its recorded hash on the way.
func (l *Local) placeSnapshot(ctx context.Context, job *Job, wd string) error {
	if st, err := l.stores.get(ctx, l.stateDir); err == nil {
		if objs, ok := objectsOf(st, job.Snapshot); ok {
			return copyObjects(ctx, job.Snapshot, objs, wd)
		}
	}
	return job.Snapshot.CopyTo(ctx, job.SourceDir, wd)
}

// objectsOf returns the object path of each file entry of man (by index;
// "" for a symlink), or false when an object is missing or is not of the
// entry's size.
func objectsOf(st *store.Store, man *snapshot.Manifest) ([]string, bool) {
	objs := make([]string, len(man.Entries))
	for i, e := range man.Entries {
		if e.Kind != snapshot.KindFile {
			continue
		}
		p := st.ObjectPath(e.SHA256)
		fi, err := os.Stat(p)
		if p == "" || err != nil || !fi.Mode().IsRegular() || fi.Size() != e.Size {
			return nil, false
		}
		objs[i] = p
	}
	return objs, true
}

// copyObjects writes man's entries below wd: files from their objects
// (objs, by entry index), symlinks as recorded. Paths are resolved inside
// wd (os.Root), so no entry can write outside it. The folders are made
// first, then the entries are written by a few workers: creating a file
// takes a new inode, which on a busy disk costs up to a millisecond, and
// files of different folders can be created side by side.
func copyObjects(ctx context.Context, man *snapshot.Manifest, objs []string, wd string) error {
	if err := os.MkdirAll(wd, 0o755); err != nil {
		return fmt.Errorf("compute: local target: copy snapshot: %w", err)
	}
	root, err := os.OpenRoot(wd)
	if err != nil {
		return fmt.Errorf("compute: local target: copy snapshot: %w", err)
	}
	defer root.Close()
	made := map[string]bool{".": true}
	for _, e := range man.Entries {
		if dir := filepath.Dir(filepath.FromSlash(e.Path)); !made[dir] {
			if err := root.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("compute: local target: copy snapshot file %s: %w", e.Path, err)
			}
			made[dir] = true
		}
	}
	return forEachEntry(ctx, len(man.Entries), func(i int) error {
		e := man.Entries[i]
		rel := filepath.FromSlash(e.Path)
		var err error
		if e.Kind == snapshot.KindSymlink {
			err = root.Symlink(e.Target, rel)
		} else {
			err = copyObject(root, objs[i], rel, e)
		}
		if err != nil {
			return fmt.Errorf("compute: local target: copy snapshot file %s: %w", e.Path, err)
		}
		return nil
	})
}

// copyWorkers bounds the entries written at once.
const copyWorkers = 4

// forEachEntry calls fn for 0..n-1 from up to copyWorkers goroutines and
// returns the first error (or ctx's); after an error or the end of ctx no
// new call starts.
func forEachEntry(ctx context.Context, n int, fn func(i int) error) error {
	var (
		mu    sync.Mutex
		next  int
		first error
		wg    sync.WaitGroup
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil {
			first = ctx.Err()
		}
		if first != nil || next >= n {
			return 0, false
		}
		next++
		return next - 1, true
	}
	for range min(copyWorkers, n) {
		wg.Go(func() {
			for i, ok := take(); ok; i, ok = take() {
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return first
}

// copyObject copies the object file obj to rel below root, with e's mode,
// and checks that it held e.Size bytes.
func copyObject(root *os.Root, obj, rel string, e snapshot.Entry) error {
	in, err := os.Open(obj)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, in)
	if err == nil && n != e.Size {
		err = &fs.PathError{Op: "copy", Path: obj,
			Err: errors.New("object holds " + strconv.FormatInt(n, 10) + " bytes, the snapshot records " + strconv.FormatInt(e.Size, 10))}
	}
	if err == nil {
		err = out.Chmod(e.Mode)
	}
	return errors.Join(err, out.Close())
}
