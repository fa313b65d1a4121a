package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

const (
	lockBackoffMin = time.Millisecond
	lockBackoffMax = 50 * time.Millisecond
)

// Lock takes the exclusive lock called name, waiting until it is free or
// ctx is done (then it returns ctx's error). name follows the key syntax
// (see [Store.WriteJSON]), e.g. "envs/3f2a9c". The lock excludes other
// processes and other goroutines of this process; the kernel releases it if
// the holder dies. Call unlock exactly once to release it (later calls are
// no-ops). Other packages use it, for example, to build a conda environment
// only once when two runs race for it.
func (s *Store) Lock(ctx context.Context, name string) (unlock func() error, err error) {
	if err := validKey("lock name", name); err != nil {
		return nil, err
	}
	return s.lockFile(ctx, filepath.Join(s.dir, locksDir, "named", name+".lock"))
}

// lockKey takes the lock that serializes writers of one record.
func (s *Store) lockKey(ctx context.Context, key string) (func() error, error) {
	return s.lockFile(ctx, filepath.Join(s.dir, locksDir, recordsDir, key+".lock"))
}

// lockFile flocks path, polling with LOCK_NB and a doubling backoff, since a
// blocking flock cannot be interrupted when ctx is done.
func (s *Store) lockFile(ctx context.Context, path string) (func() error, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("store: lock: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("store: lock: %w", err)
	}
	if err := pollFlock(ctx, f); err != nil {
		_ = f.Close()
		return nil, err
	}
	var once sync.Once
	var uerr error
	return func() error {
		once.Do(func() {
			uerr = errors.Join(syscall.Flock(int(f.Fd()), syscall.LOCK_UN), f.Close())
			if uerr != nil {
				uerr = fmt.Errorf("store: unlock %s: %w", path, uerr)
			}
		})
		return uerr
	}, nil
}

func pollFlock(ctx context.Context, f *os.File) error {
	wait := lockBackoffMin
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("store: lock %s: %w", f.Name(), err)
		}
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			return fmt.Errorf("store: lock %s: %w", f.Name(), err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
		}
		wait = min(2*wait, lockBackoffMax)
	}
}
