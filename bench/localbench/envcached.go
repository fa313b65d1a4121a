package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/azureml-go/azureml/conda"
	"github.com/azureml-go/azureml/runconfig"
)

// condaStandIn records each call in $LOCALBENCH_CONDA_CALLS and makes the
// requested prefix a "conda environment" whose python is the real python3.
const condaStandIn = `#!/bin/sh
echo "$*" >> "$LOCALBENCH_CONDA_CALLS"
prefix=
while [ $# -gt 0 ]; do
  case "$1" in --prefix|-p) prefix="$2"; shift ;; esac
  shift
done
[ -n "$prefix" ] || { echo "conda stand-in: no --prefix" >&2; exit 2; }
mkdir -p "$prefix/bin" && ln -sf "$LOCALBENCH_PYTHON" "$prefix/bin/python"
`

var preparedRE = regexp.MustCompile(`environment: system-managed.*prepared in ([0-9.]+)s`)

// envCached prints local-env-cached: the environment step of submissions
// whose conda environment is already built, with the conda invocations.
func (b *bench) envCached(ctx context.Context, n int) error {
	calls := filepath.Join(b.tmp, "conda-calls.txt")
	bin := filepath.Join(b.tmp, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(bin, "conda"), []byte(condaStandIn), 0o755); err != nil {
		return err
	}
	// The local target and the supervisor it starts find conda on PATH.
	os.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	os.Setenv("LOCALBENCH_CONDA_CALLS", calls)
	os.Setenv("LOCALBENCH_PYTHON", b.python)
	cfg, err := b.condaConfig()
	if err != nil {
		return err
	}
	if _, err := b.envStep(ctx, cfg); err != nil { // first: builds
		return err
	}
	built := countLines(calls)
	if err := os.Remove(calls); err != nil {
		return fmt.Errorf("the first submission did not invoke the conda stand-in (%d calls): %w", built, err)
	}
	var steps []time.Duration
	for range n {
		d, err := b.envStep(ctx, cfg)
		if err != nil {
			return err
		}
		steps = append(steps, d)
	}
	fmt.Printf("bench: local-env-cached ms=%.1f goal<=50 conda_invocations=%d (first build invoked conda %d time(s), n=%d)\n",
		ms(median(steps)), countLines(calls), built, n)
	return nil
}

// condaConfig is a system-managed run of pass.py with conda dependencies.
func (b *bench) condaConfig() (*runconfig.ScriptRunConfig, error) {
	deps, err := conda.New(&conda.Options{Name: "bench", PythonVersion: "3.11", PipPackages: []string{"requests"}})
	if err != nil {
		return nil, err
	}
	cfg := b.config("pass.py")
	cfg.RunConfig.Environment.Python.UserManagedDependencies = false
	cfg.RunConfig.Environment.Python.Conda = deps
	return cfg, nil
}

// envStep submits cfg, waits, and returns the environment step's duration
// as the local target reports it in the driver log.
func (b *bench) envStep(ctx context.Context, cfg *runconfig.ScriptRunConfig) (time.Duration, error) {
	var log bytes.Buffer
	if _, err := b.submitWait(ctx, cfg, &log); err != nil {
		return 0, fmt.Errorf("%w\n%s", err, log.String())
	}
	m := preparedRE.FindStringSubmatch(log.String())
	if m == nil {
		return 0, fmt.Errorf("no environment line in the driver log:\n%s", log.String())
	}
	sec, err := strconv.ParseFloat(m[1], 64)
	return time.Duration(sec * float64(time.Second)), err
}

func countLines(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	return strings.Count(string(data), "\n")
}
