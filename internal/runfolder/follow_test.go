package runfolder_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// TestFollowResumes stops following mid-run, then resumes from the
// returned offset: the two parts must join into the log with no gap and
// no duplicate.
func TestFollowResumes(t *testing.T) {
	const lines = 30
	script := fmt.Sprintf("i=1; while [ $i -le %d ]; do echo line $i; i=$((i+1)); sleep 0.05; done", lines)
	dir := startRun(t, runfolder.Spec{Argv: []string{"sh", "-c", script}}, "")
	fsys := runfolder.LocalFS{}

	var first bytes.Buffer
	ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
	defer cancel()
	next, st, err := runfolder.Follow(ctx, fsys, dir, 0, &first, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Equal(t, int64(first.Len()), next)
	require.NotNil(t, st)
	require.False(t, st.Final(), "the first follow must stop mid-run")
	require.Contains(t, first.String(), "line 1\n")

	var second bytes.Buffer
	end, st, err := runfolder.Follow(t.Context(), fsys, dir, next, &second, nil)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateCompleted, st.State)
	log := readLog(t, dir)
	require.Equal(t, int64(len(log)), end)
	require.Equal(t, log, first.String()+second.String())
	want := make([]string, lines)
	for i := range want {
		want[i] = "line " + strconv.Itoa(i+1)
	}
	require.Equal(t, want, scriptLines(log))
	require.True(t, strings.HasSuffix(log, "run Completed\n"))

	// Following a finished run from its end returns at once, writing nothing.
	again, st, err := runfolder.Follow(t.Context(), fsys, dir, end, io.Discard, nil)
	require.NoError(t, err)
	require.Equal(t, end, again)
	require.True(t, st.Final())
}

// failAfter accepts n bytes, then fails.
type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	m := w.n
	w.n = 0
	return m, errors.New("disk full")
}

func TestFollowWriterError(t *testing.T) {
	dir := startRun(t, runfolder.Spec{Argv: []string{"sh", "-c", "echo 0123456789"}}, "")
	waitFinal(t, dir)
	next, _, err := runfolder.Follow(t.Context(), runfolder.LocalFS{}, dir, 0, &failAfter{n: 7}, nil)
	require.EqualError(t, err, "disk full")
	require.Equal(t, int64(7), next, "the offset counts only what the writer took")
}

func TestFollowDeadSupervisor(t *testing.T) {
	dir := startRun(t, runfolder.Spec{Argv: []string{"sleep", "1000"}}, "")
	st, err := runfolder.ReadStatus(t.Context(), nil, runfolder.LocalFS{}, dir)
	require.NoError(t, err)
	p, err := os.FindProcess(st.SupervisorPID)
	require.NoError(t, err)
	require.NoError(t, p.Kill())
	_, st, err = runfolder.Follow(t.Context(), runfolder.LocalFS{}, dir, 0, io.Discard, nil)
	require.NoError(t, err)
	require.Equal(t, runfolder.ReasonSupervisorDied, st.Reason)
	require.NoError(t, runfolder.Cancel(t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}, dir, 100*time.Millisecond))
}

func TestFollowNegativeOffset(t *testing.T) {
	dir := newRun(t, runfolder.Spec{Argv: []string{"true"}})
	_, _, err := runfolder.Follow(t.Context(), runfolder.LocalFS{}, dir, -1, io.Discard, nil)
	var se *runfolder.SpecError
	require.ErrorAs(t, err, &se)
	require.Equal(t, "from", se.Field)
}

// latencyWriter records, for each "tick I NANOS" line, how long after
// NANOS the line reached Write.
type latencyWriter struct {
	mu      sync.Mutex
	partial []byte
	delays  []time.Duration
}

func (w *latencyWriter) Write(p []byte) (int, error) {
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		f := strings.Fields(string(w.partial[:i]))
		w.partial = w.partial[i+1:]
		if len(f) == 3 && f[0] == "tick" {
			ns, _ := strconv.ParseInt(f[2], 10, 64)
			w.delays = append(w.delays, now.Sub(time.Unix(0, ns)))
		}
	}
}

// percentile returns the q-quantile (0..1) of ds.
func percentile(ds []time.Duration, q float64) time.Duration {
	s := slices.Clone(ds)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(int(q*float64(len(s))), len(s)-1)]
}

// followLatency runs a script that prints lines at mixed intervals (so
// they land at every phase of the adaptive poll) and measures the delay
// from print to writer.
func followLatency(t testing.TB, lines int) []time.Duration {
	spec := helperSpec(t, "ticker", strconv.Itoa(lines), "7", "50", "230", "20", "410", "90")
	dir := startRun(t, spec, "")
	w := &latencyWriter{}
	_, st, err := runfolder.Follow(context.Background(), runfolder.LocalFS{}, dir, 0, w, nil)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateCompleted, st.State)
	require.Len(t, w.delays, lines)
	return w.delays
}

func TestFollowLatencyMeasured(t *testing.T) {
	delays := followLatency(t, 20)
	for _, d := range delays {
		require.Positive(t, d, "a line cannot arrive before it is printed")
	}
	t.Logf("print-to-writer latency over %d lines: p50 %v, p99 %v", len(delays),
		percentile(delays, 0.5), percentile(delays, 0.99))
}

// BenchmarkFollowLatency reports the print-to-writer latency of Follow
// on the local disk (goal: p99 <= 100 ms), as p50-ms and p99-ms.
func BenchmarkFollowLatency(b *testing.B) {
	var all []time.Duration
	for b.Loop() {
		all = append(all, followLatency(b, 100)...)
	}
	p50, p99 := percentile(all, 0.5), percentile(all, 0.99)
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	b.Logf("bench: runfolder-follow-p99 ms=%.1f goal<=100 (p50 %.1f, %d lines)", float64(p99.Microseconds())/1000,
		float64(p50.Microseconds())/1000, len(all))
}
