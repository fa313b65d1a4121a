package runfolder_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/internal/testenv"
)

// viaShell is a Shell that only runs command lines (as an SSH session
// does), so Start takes the portable `setsid nohup ... &` path instead of
// LocalShell's direct launch.
type viaShell struct{ sh runfolder.LocalShell }

func (v viaShell) Run(ctx context.Context, cmdline string) ([]byte, error) {
	return v.sh.Run(ctx, cmdline)
}

// countingShell answers the host probe and counts its calls; fail makes
// every call fail.
type countingShell struct {
	mu    sync.Mutex
	calls int
	fail  bool
}

func (c *countingShell) Run(ctx context.Context, cmdline string) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	if c.fail {
		return nil, errors.New("no host")
	}
	return runfolder.LocalShell{}.Run(ctx, cmdline)
}

// envResets reports whether this host's env(1) supports --default-signal.
func envResets() bool {
	return exec.Command("env", "--default-signal=INT", "true").Run() == nil
}

// TestStartLaunchers runs the same script through both launch paths: the
// run is Running (or over) when Start returns, the script does not inherit
// the readiness pipe (fd 3), and it completes with its output in the log.
func TestStartLaunchers(t *testing.T) {
	cases := []struct {
		name  string
		shell runfolder.Shell
		probe *runfolder.HostProbe
	}{
		{"direct", runfolder.LocalShell{}, nil},
		{"direct with probe", runfolder.LocalShell{}, &runfolder.HostProbe{}},
		{"through sh", viaShell{}, nil},
		{"through sh with probe", viaShell{}, &runfolder.HostProbe{}},
	}
	testenv.LookPath(t, "bash")
	script := "if [ -e /proc/self/fd/3 ] || [ -e /dev/fd/3 ]; then echo fd3 open; else echo fd3 closed; fi; trap -p INT"
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := newRun(t, runfolder.Spec{Argv: []string{"bash", "-c", script}})
			pid, err := runfolder.Start(t.Context(), tc.shell, runfolder.LocalFS{}, dir,
				&runfolder.StartOptions{Probe: tc.probe})
			require.NoError(t, err)
			require.Positive(t, pid)
			st, err := runfolder.ReadStatus(t.Context(), nil, runfolder.LocalFS{}, dir)
			require.NoError(t, err)
			require.NotEqual(t, runfolder.StateNotStarted, st.State)
			require.Equal(t, pid, st.SupervisorPID)
			require.Equal(t, runfolder.StateCompleted, waitFinal(t, dir).State)
			// bash's trap -p lists INT when it was ignored on entry, as
			// background jobs of sh are: env(1) resets it where it can.
			want := []string{"fd3 closed"}
			if !envResets() {
				want = append(want, "trap -- '' SIGINT")
			}
			require.Equal(t, want, scriptLines(readLog(t, dir)))
		})
	}
}

// TestStartRecordsTheLaunchTime checks that the direct launch hands the
// supervisor the launch time: the recorded start is between the calls
// around Start.
func TestStartRecordsTheLaunchTime(t *testing.T) {
	dir := newRun(t, runfolder.Spec{Argv: []string{"sleep", "10"}})
	before := time.Now()
	_, err := runfolder.Start(t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}, dir, nil)
	require.NoError(t, err)
	after := time.Now()
	st, err := runfolder.ReadStatus(t.Context(), nil, runfolder.LocalFS{}, dir)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateRunning, st.State)
	require.False(t, st.StartTime.Before(before.Truncate(time.Microsecond)), "start %v before %v", st.StartTime, before)
	require.False(t, st.StartTime.After(after), "start %v after %v", st.StartTime, after)
	require.NoError(t, runfolder.Cancel(t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}, dir, time.Second))
}

// TestHostProbeCaches checks that a HostProbe asks the host once, and asks
// again after a failed probe.
func TestHostProbeCaches(t *testing.T) {
	ok := &countingShell{}
	p := &runfolder.HostProbe{}
	p.Probe(t.Context(), ok)
	p.Probe(t.Context(), ok)
	dir := newRun(t, runfolder.Spec{Argv: []string{"true"}})
	_, err := runfolder.Start(t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}, dir,
		&runfolder.StartOptions{Probe: p})
	require.NoError(t, err)
	require.Equal(t, 1, ok.calls)

	bad := &countingShell{fail: true}
	q := &runfolder.HostProbe{}
	q.Probe(t.Context(), bad)
	q.Probe(t.Context(), bad)
	require.Equal(t, 2, bad.calls, "a failed probe is not cached")
	require.Equal(t, runfolder.StateCompleted, waitFinal(t, dir).State)
}

// TestStartDirectLaunchFailure checks that an interpreter that cannot be
// executed gives a *StartError naming it.
func TestStartDirectLaunchFailure(t *testing.T) {
	dir := newRun(t, runfolder.Spec{Argv: []string{"true"}})
	missing := filepath.Join(t.TempDir(), "no-such-shell")
	_, err := runfolder.Start(t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}, dir,
		&runfolder.StartOptions{Interpreter: missing})
	var se *runfolder.StartError
	require.ErrorAs(t, err, &se)
	require.Equal(t, dir, se.Dir)
	require.True(t, strings.Contains(se.Reason, "no-such-shell"), se.Reason)
	_, statErr := os.Stat(filepath.Join(dir, runfolder.StatusFile))
	require.ErrorIs(t, statErr, os.ErrNotExist)
}
