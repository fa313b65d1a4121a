package main

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// stampWriter receives the log and, for each line that is a unix time in
// nanoseconds (printed by lines.py), records how long it took to arrive.
type stampWriter struct {
	mu      sync.Mutex
	partial []byte
	delays  []time.Duration
}

func (w *stampWriter) Write(p []byte) (int, error) {
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := strings.TrimSpace(string(w.partial[:i]))
		w.partial = w.partial[i+1:]
		if ns, err := strconv.ParseInt(line, 10, 64); err == nil && ns > 1e18 {
			w.delays = append(w.delays, now.Sub(time.Unix(0, ns)))
		}
	}
}

// logLatency prints local-log-latency-p99: n runs of 50 lines each.
func (b *bench) logLatency(ctx context.Context, n int) error {
	w := &stampWriter{}
	for range n {
		if _, err := b.submitWait(ctx, b.config("lines.py", "50"), w); err != nil {
			return err
		}
	}
	if len(w.delays) < 50*n {
		return fmt.Errorf("log latency: saw %d of %d stamped lines", len(w.delays), 50*n)
	}
	fmt.Printf("bench: local-log-latency-p99 ms=%.1f goal<=100 (median %.1f ms over %d lines)\n",
		ms(percentile(w.delays, 99)), ms(median(w.delays)), len(w.delays))
	return nil
}
