package snapshot

import (
	"context"
	"sync"
	"sync/atomic"
)

// forEach calls fn(worker, i) for every i in [0, n) on at most workers
// goroutines; worker is in [0, workers) and lets fn reuse per-worker buffers.
// It stops at the first error or when ctx is done, and returns that error.
func forEach(ctx context.Context, n, workers int, fn func(worker, i int) error) error {
	workers = max(1, min(workers, n))
	var (
		next    atomic.Int64
		errOnce sync.Once
		first   error
		failed  atomic.Bool
		wg      sync.WaitGroup
	)
	fail := func(err error) {
		errOnce.Do(func() { first = err })
		failed.Store(true)
	}
	for w := range workers {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := ctx.Err(); err != nil {
					fail(err)
					return
				}
				if err := fn(w, i); err != nil {
					fail(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}
