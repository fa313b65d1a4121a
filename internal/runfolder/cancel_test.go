package runfolder_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// waitForFile waits until the script has written name in wd/ and returns
// its content.
func waitForFile(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, runfolder.WorkDir, name)
	var b []byte
	require.Eventually(t, func() bool {
		var err error
		b, err = os.ReadFile(p)
		return err == nil && strings.HasSuffix(string(b), "\n")
	}, 10*time.Second, 5*time.Millisecond)
	return string(b)
}

func TestCancelKillsTheWholeGroup(t *testing.T) {
	cases := []struct {
		name, script string
		grace        time.Duration
	}{
		{"children", "sleep 1000 & a=$!; sleep 1000 & echo $a $! > pids.tmp; mv pids.tmp pids; wait", time.Second},
		{"ignores term", "trap '' TERM; sleep 1000 & a=$!; sleep 1000 & echo $a $! > pids.tmp; mv pids.tmp pids; wait; wait", 200 * time.Millisecond},
	}
	for _, sh := range shells {
		for _, tc := range cases {
			t.Run(sh+"/"+tc.name, func(t *testing.T) {
				ctx, shell, fsys := t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}
				dir := startRun(t, runfolder.Spec{Argv: []string{"sh", "-c", tc.script}}, shellPath(t, sh))
				var pids []int
				for _, f := range strings.Fields(waitForFile(t, dir, "pids")) {
					pid, err := strconv.Atoi(f)
					require.NoError(t, err)
					pids = append(pids, pid)
				}
				st, err := runfolder.ReadStatus(ctx, shell, fsys, dir)
				require.NoError(t, err)
				require.Equal(t, runfolder.StateRunning, st.State)
				require.Len(t, groupMembers(t, st.PGID), 3) // sh and two sleeps

				require.NoError(t, runfolder.Cancel(ctx, shell, fsys, dir, tc.grace))
				st, err = runfolder.ReadStatus(ctx, shell, fsys, dir)
				require.NoError(t, err)
				require.Equal(t, runfolder.StateCanceled, st.State)
				require.Equal(t, runfolder.ReasonCanceled, st.Reason)
				require.Empty(t, groupMembers(t, st.PGID))
				for _, pid := range pids {
					require.NotContains(t, groupMembers(t, st.PGID), pid)
				}
				require.Contains(t, readLog(t, dir), "stopping the script (canceled)")

				// Idempotent.
				require.NoError(t, runfolder.Cancel(ctx, shell, fsys, dir, tc.grace))
			})
		}
	}
}

func TestCancelFinishedRun(t *testing.T) {
	dir := startRun(t, runfolder.Spec{Argv: []string{"true"}}, "")
	require.Equal(t, runfolder.StateCompleted, waitFinal(t, dir).State)
	err := runfolder.Cancel(t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}, dir, 0)
	require.ErrorIs(t, err, runfolder.ErrFinished)
	var se *runfolder.StateError
	require.ErrorAs(t, err, &se)
	require.Equal(t, runfolder.StateCompleted, se.State)
	require.Equal(t, "cancel", se.Op)
}

func TestCancelBeforeStart(t *testing.T) {
	ctx, shell, fsys := t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}
	dir := newRun(t, runfolder.Spec{Argv: []string{"sh", "-c", "echo must not run"}})
	require.NoError(t, runfolder.Cancel(ctx, shell, fsys, dir, 0))
	_, err := runfolder.Start(ctx, shell, fsys, dir, nil)
	require.NoError(t, err)
	st := waitFinal(t, dir)
	require.Equal(t, runfolder.StateCanceled, st.State)
	require.Equal(t, -1, st.ExitCode)
	require.Zero(t, st.PGID)
	require.NotContains(t, readLog(t, dir), "must not run")
}

func TestCancelRequestedIsReported(t *testing.T) {
	ctx, shell, fsys := t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}
	dir := startRun(t, runfolder.Spec{Argv: []string{"sleep", "1000"}}, "")
	require.NoError(t, os.WriteFile(filepath.Join(dir, runfolder.CancelFile), []byte("1\n"), 0o644))
	st, err := runfolder.ReadStatus(ctx, shell, fsys, dir)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateCancelRequested, st.State)
	require.NoError(t, runfolder.Cancel(ctx, shell, fsys, dir, 100*time.Millisecond))
}

func TestStartTwice(t *testing.T) {
	ctx, shell, fsys := t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}
	dir := startRun(t, runfolder.Spec{Argv: []string{"true"}}, "")
	waitFinal(t, dir)
	_, err := runfolder.Start(ctx, shell, fsys, dir, nil)
	var se *runfolder.StateError
	require.ErrorAs(t, err, &se)
	require.Equal(t, "start", se.Op)
	require.True(t, errors.Is(err, runfolder.ErrFinished))
	err = runfolder.Prepare(ctx, fsys, dir, runfolder.Spec{Argv: []string{"true"}})
	require.ErrorAs(t, err, &se)
	require.Equal(t, "prepare", se.Op)
	require.Equal(t, runfolder.StateCompleted, se.State)
}

func TestStartBrokenSupervisor(t *testing.T) {
	ctx, shell, fsys := t.Context(), runfolder.LocalShell{}, runfolder.LocalFS{}
	dir := newRun(t, runfolder.Spec{Argv: []string{"true"}})
	require.NoError(t, os.Remove(filepath.Join(dir, runfolder.SupervisorFile)))
	_, err := runfolder.Start(ctx, shell, fsys, dir, nil)
	var se *runfolder.StartError
	require.ErrorAs(t, err, &se)
	require.Contains(t, se.LogTail, runfolder.SupervisorFile)
}
