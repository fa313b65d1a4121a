// Command localbench measures the experiment package on the local target
// and prints one line per figure, "bench: NAME ms=X goal<=Y", side by side
// in one run (bench/local.sh runs it):
//
//   - local-submit-overhead: median wall time of Submit+WaitForCompletion of
//     a script that does nothing (user-managed python3, a 10-file source
//     folder) minus the median of a bare `python3 -c pass`;
//   - local-log-latency-p99: p99 delay from a line printed by the script to
//     the same line reaching the WaitForCompletion writer;
//   - local-env-cached: the environment step of a second submission with the
//     same conda dependencies (a conda stand-in on PATH records its calls;
//     conda_invocations must be 0);
//   - listruns-1000: median time of ListRuns over 1,000 recorded runs.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	n := flag.Int("n", 7, "repetitions per figure (median of n; at least 5)")
	runs := flag.Int("runs", 1000, "recorded runs for listruns")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, max(*n, 5), *runs); err != nil {
		fmt.Fprintln(os.Stderr, "localbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, n, runs int) error {
	b, err := newBench(ctx)
	if err != nil {
		return err
	}
	defer b.close()
	steps := []func(context.Context, int) error{b.submitOverhead, b.logLatency, b.envCached}
	for _, step := range steps {
		if err := step(ctx, n); err != nil {
			return err
		}
	}
	return b.listRuns(ctx, n, runs)
}
