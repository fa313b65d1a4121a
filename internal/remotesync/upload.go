package remotesync

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/azureml-go/azureml/internal/sshx"
)

// uploader stores objects on the host over SFTP.
type uploader struct {
	c        *sshx.Client
	src      string
	store    string
	progress func(hash string, size int64)

	files atomic.Int64
	bytes atomic.Int64
}

// run uploads objs with at most workers at a time; the first error stops
// the others.
func (u *uploader) run(ctx context.Context, objs []object, workers int) error {
	return parallel(ctx, objs, workers, func(_ context.Context, o object) error { return u.upload(o) })
}

// parallel calls fn on each item with at most workers calls at a time;
// the first error cancels the context the others get and stops the feed.
func parallel[T any](ctx context.Context, items []T, workers int, fn func(context.Context, T) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan T)
	var wg sync.WaitGroup
	for range min(workers, len(items)) {
		wg.Go(func() {
			for o := range jobs {
				if err := fn(ctx, o); err != nil {
					cancel(err)
				}
			}
		})
	}
feed:
	for _, o := range items {
		select {
		case jobs <- o:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return nil
}

// upload sends one object under a temporary name, checks its hash, and
// renames it into place.
func (u *uploader) upload(o object) error {
	f, err := os.Open(filepath.Join(u.src, filepath.FromSlash(o.path)))
	if err != nil {
		return fmt.Errorf("remotesync: %w", err)
	}
	defer f.Close()
	final := path.Join(u.store, "objects", objectName(o.hash))
	tmp := path.Join(path.Dir(final), ".tmp-"+o.hash[:16]+"-"+randomHex())
	fsys := u.c.FS()
	h := sha256.New()
	r := &hashingReader{r: io.LimitReader(f, o.size+1), h: h, size: o.size}
	n, err := fsys.CreateFrom(tmp, r)
	u.bytes.Add(n)
	if err != nil {
		return fmt.Errorf("remotesync: upload %s: %w", o.path, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != o.hash || n != o.size {
		_ = fsys.Remove(tmp)
		return &ChangedError{Path: o.path, Want: o.hash, Got: got}
	}
	if err := fsys.Rename(tmp, final); err != nil {
		_ = fsys.Remove(tmp)
		return fmt.Errorf("remotesync: store %s: %w", o.path, err)
	}
	u.files.Add(1)
	if u.progress != nil {
		u.progress(o.hash, o.size)
	}
	return nil
}

// hashingReader hashes what is read through it. Size reports the
// expected length so SFTP writes concurrently.
type hashingReader struct {
	r    io.Reader
	h    hash.Hash
	size int64
}

func (r *hashingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.h.Write(p[:n])
	return n, err
}

// Size is the expected length (pkg/sftp uses it to plan concurrent writes).
func (r *hashingReader) Size() int64 { return r.size }

func randomHex() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
