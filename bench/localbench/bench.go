package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// bench holds a fresh workspace and source folder in a temporary folder.
type bench struct {
	tmp    string
	ws     *workspace.Workspace
	exp    *experiment.Experiment
	src    string
	python string
}

func newBench(ctx context.Context) (*bench, error) {
	python, err := realPython(ctx)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "localbench-")
	if err != nil {
		return nil, err
	}
	b := &bench{tmp: tmp, python: python, src: filepath.Join(tmp, "src")}
	if b.ws, err = workspace.Local(ctx, &workspace.LocalOptions{Dir: filepath.Join(tmp, "ws")}); err != nil {
		return nil, err
	}
	if b.exp, err = experiment.New(b.ws, "bench"); err != nil {
		return nil, err
	}
	return b, b.writeSource()
}

func (b *bench) close() { _ = os.RemoveAll(b.tmp) }

// realPython returns the interpreter python3 really is (sys.executable),
// so that launcher shims (pyenv) add nothing to either side of a figure.
func realPython(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "python3", "-c", "import sys; print(sys.executable)").Output()
	if err != nil {
		return "", fmt.Errorf("python3 is needed: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// writeSource makes the 10-file source folder: the scripts and filler.
func (b *bench) writeSource() error {
	files := map[string]string{
		"pass.py": "pass\n",
		"lines.py": "import sys, time\nfor i in range(int(sys.argv[1])):\n" +
			"    print(time.time_ns(), flush=True)\n    time.sleep(0.01)\n",
	}
	for i := range 8 {
		files[fmt.Sprintf("data/file%d.txt", i)] = fmt.Sprintf("filler %d\n", i)
	}
	for name, content := range files {
		p := filepath.Join(b.src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// config is a user-managed run of script with args.
func (b *bench) config(script string, args ...string) *runconfig.ScriptRunConfig {
	rc := runconfig.New()
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = b.python
	return &runconfig.ScriptRunConfig{SourceDirectory: b.src, Script: script, Arguments: args, RunConfig: rc}
}

// submitWait submits cfg and waits, sending the log to out; it fails
// unless the run completes.
func (b *bench) submitWait(ctx context.Context, cfg *runconfig.ScriptRunConfig, out io.Writer) (*experiment.Run, error) {
	r, err := b.exp.Submit(ctx, cfg, nil)
	if err != nil {
		return nil, err
	}
	_, err = r.WaitForCompletion(ctx, &experiment.WaitOptions{Output: out})
	return r, err
}

// submitOverhead prints local-submit-overhead. The bare runs and the
// submissions alternate, so a change of load on a shared machine weighs on
// both sides alike instead of on whichever ran during it.
func (b *bench) submitOverhead(ctx context.Context, n int) error {
	bareRun := func() error { return exec.CommandContext(ctx, b.python, "-c", "pass").Run() }
	fullRun := func() error {
		_, err := b.submitWait(ctx, b.config("pass.py"), io.Discard)
		return err
	}
	bare, full, err := timePairs(n, bareRun, fullRun)
	if err != nil {
		return err
	}
	diffs := make([]time.Duration, len(full))
	for i := range full {
		diffs[i] = full[i] - bare[i]
	}
	fmt.Printf("bench: local-submit-overhead ms=%.1f goal<=25 (submit+wait median %.1f ms, bare python3 median %.1f ms, "+
		"median of paired differences %.1f ms, n=%d)\n",
		ms(median(full)-median(bare)), ms(median(full)), ms(median(bare)), ms(median(diffs)), n)
	return nil
}

// timePairs runs a then b, n times (after one warm-up of each), and
// returns the durations of each.
func timePairs(n int, a, b func() error) (da, db []time.Duration, err error) {
	for i := range n + 1 {
		ta, err := timeOne(a)
		if err != nil {
			return nil, nil, err
		}
		tb, err := timeOne(b)
		if err != nil {
			return nil, nil, err
		}
		if i > 0 {
			da, db = append(da, ta), append(db, tb)
		}
	}
	return da, db, nil
}

func timeOne(f func() error) (time.Duration, error) {
	start := time.Now()
	err := f()
	return time.Since(start), err
}

func median(d []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(d))
	return s[len(s)/2]
}

// percentile returns the p-th percentile (0 < p <= 100, nearest rank).
func percentile(d []time.Duration, p float64) time.Duration {
	s := slices.Sorted(slices.Values(d))
	i := int(float64(len(s))*p/100+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// timeN runs f n times (after one warm-up) and returns the durations.
func timeN(n int, f func() error) ([]time.Duration, error) {
	if err := f(); err != nil {
		return nil, err
	}
	out := make([]time.Duration, 0, n)
	for range n {
		d, err := timeOne(f)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}
