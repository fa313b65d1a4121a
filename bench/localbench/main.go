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
//
// -only picks figures by name (comma-separated: submit, latency, env,
// listruns); -cpuprofile and -trace write a Go CPU profile or execution
// trace of what runs, for finding where the time goes.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strings"
)

func main() {
	n := flag.Int("n", 7, "repetitions per figure (median of n; at least 5)")
	runs := flag.Int("runs", 1000, "recorded runs for listruns")
	only := flag.String("only", "", "comma-separated figures to run (submit, latency, env, listruns); empty: all")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	traceFile := flag.String("trace", "", "write an execution trace to this file")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	stopProf, err := profile(*cpuprofile, *traceFile)
	if err == nil {
		err = run(ctx, max(*n, 5), *runs, *only)
		stopProf()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "localbench:", err)
		os.Exit(1)
	}
}

// profile starts the CPU profile and the trace that were asked for and
// returns what stops them.
func profile(cpu, tr string) (func(), error) {
	var stops []func()
	stopAll := func() {
		for _, s := range stops {
			s()
		}
	}
	for _, p := range []struct {
		name  string
		start func(io.Writer) error
		stop  func()
	}{{cpu, pprof.StartCPUProfile, pprof.StopCPUProfile}, {tr, trace.Start, trace.Stop}} {
		if p.name == "" {
			continue
		}
		f, err := os.Create(p.name)
		if err == nil {
			err = p.start(f)
		}
		if err != nil {
			stopAll()
			return nil, err
		}
		stops = append(stops, func() { p.stop(); _ = f.Close() })
	}
	return stopAll, nil
}

func run(ctx context.Context, n, runs int, only string) error {
	b, err := newBench(ctx)
	if err != nil {
		return err
	}
	defer b.close()
	want := func(name string) bool { return only == "" || slices.Contains(strings.Split(only, ","), name) }
	steps := []struct {
		name string
		fn   func(context.Context, int) error
	}{{"submit", b.submitOverhead}, {"latency", b.logLatency}, {"env", b.envCached},
		{"listruns", func(ctx context.Context, n int) error { return b.listRuns(ctx, n, runs) }}}
	for _, step := range steps {
		if !want(step.name) {
			continue
		}
		if err := step.fn(ctx, n); err != nil {
			return err
		}
	}
	return nil
}
