package remotelogbench_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// linesPerRun is how many stamped lines one run prints; the figure needs
// at least minLines over all runs.
const (
	linesPerRun = 250
	minLines    = 200
)

// stampScript waits a second (so that following has begun and connection
// set-up is not counted), then prints its clock in nanoseconds on each
// line, at intervals cycling through 5, 20, 50 and 120 ms, so lines come
// both in bursts and alone.
const stampScript = `import sys, time
time.sleep(1.0)
gaps = [0.005, 0.02, 0.05, 0.12]
for i in range(int(sys.argv[1])):
    print(time.time_ns(), flush=True)
    time.sleep(gaps[i % len(gaps)])
`

// stampWriter records, for each line that is a unix time in nanoseconds,
// how long after that time the line was written to it.
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

// quantile returns the q-quantile (0..1) of ds, nearest rank.
func quantile(ds []time.Duration, q float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// newRemoteExperiment attaches srv as the target "vm-bench" of a fresh
// local workspace and returns an experiment there and a source folder
// holding the stamp script.
func newRemoteExperiment(b *testing.B, srv *sshtest.Server) (*experiment.Experiment, string) {
	b.Helper()
	ctx := b.Context()
	ws, err := workspace.Local(ctx, &workspace.LocalOptions{Dir: filepath.Join(b.TempDir(), "ws")})
	if err != nil {
		b.Fatal(err)
	}
	op, err := compute.AttachRemoteVM(ctx, ws, "vm-bench", &compute.RemoteVMAttachConfig{Address: "127.0.0.1",
		SSHPort: srv.Port, Username: srv.User, PrivateKeyFile: srv.KeyFile, KnownHostsFile: srv.KnownHosts}, nil)
	if err == nil {
		_, err = op.WaitForCompletion(ctx, nil)
	}
	if err != nil {
		b.Fatalf("attach: %v\n%s", err, srv.Log())
	}
	exp, err := experiment.New(ws, "bench")
	if err != nil {
		b.Fatal(err)
	}
	src := b.TempDir()
	if err := os.WriteFile(filepath.Join(src, "stamps.py"), []byte(stampScript), 0o644); err != nil {
		b.Fatal(err)
	}
	return exp, src
}

// BenchmarkRemoteLogLatency prints remote-log-latency-p99 and -p50 over
// b.N runs of linesPerRun lines each (at least minLines in all).
func BenchmarkRemoteLogLatency(b *testing.B) {
	srv := sshtest.Start(b)
	exp, src := newRemoteExperiment(b, srv)
	rc := runconfig.New()
	rc.Target = "vm-bench"
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = "python3"
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: src, Script: "stamps.py",
		Arguments: []string{strconv.Itoa(linesPerRun)}, RunConfig: rc}
	w := &stampWriter{}
	for b.Loop() {
		run, err := exp.Submit(b.Context(), cfg, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := run.WaitForCompletion(b.Context(), &experiment.WaitOptions{Output: w}); err != nil {
			b.Fatal(err)
		}
	}
	if len(w.delays) < minLines || len(w.delays)%linesPerRun != 0 {
		b.Fatalf("saw %d stamped lines; want a multiple of %d, at least %d", len(w.delays), linesPerRun, minLines)
	}
	p99, p50 := quantile(w.delays, 0.99), quantile(w.delays, 0.50)
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(ms(p50), "p50-ms")
	fmt.Printf("bench: remote-log-latency-p99 ms=%.1f goal<=250 (p50 %.1f ms over %d lines)\n", ms(p99), ms(p50), len(w.delays))
	fmt.Printf("bench: remote-log-latency-p50 ms=%.1f\n", ms(p50))
}
