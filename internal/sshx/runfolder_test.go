package sshx_test

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/sshx"
)

// ticks prints n numbered lines, one every 50 ms.
func ticks(n int) runfolder.Spec {
	return runfolder.Spec{Argv: []string{"sh", "-c",
		fmt.Sprintf(`i=1; while [ $i -le %d ]; do echo "tick $i"; i=$((i+1)); sleep 0.05; done`, n)}}
}

func wantTicks(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "tick %d\n", i)
	}
	return b.String()
}

// scriptLines drops the supervisor's "[time] runfolder: ..." lines.
func scriptLines(log string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(log, "\n") {
		if l != "" && !strings.HasPrefix(l, "[") {
			b.WriteString(l)
		}
	}
	return b.String()
}

func TestRunFolderOverSSH(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	dir := path.Join(srv.Home, "runs", "r1")
	ctx := t.Context()
	require.NoError(t, runfolder.Prepare(ctx, c.FS(), dir, ticks(10)))
	_, err := runfolder.Start(ctx, c, c.FS(), dir, nil)
	require.NoError(t, err)
	require.NoError(t, c.Close()) // the run is detached: it survives the client

	c2 := dial(t, srv.Config())
	var log bytes.Buffer
	next, st, err := runfolder.Follow(ctx, c2.FS(), dir, 0, &log, &runfolder.FollowOptions{Shell: c2})
	require.NoError(t, err)
	require.Equal(t, runfolder.StateCompleted, st.State)
	require.Equal(t, int64(log.Len()), next)
	require.Equal(t, wantTicks(10), scriptLines(log.String()))
	st, err = runfolder.ReadStatus(ctx, c2, c2.FS(), dir)
	require.NoError(t, err)
	require.Equal(t, 0, st.ExitCode)
}

func TestRunFolderCancelOverSSH(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	dir := path.Join(srv.Home, "runs", "cancel")
	ctx := t.Context()
	require.NoError(t, runfolder.Prepare(ctx, c.FS(), dir, runfolder.Spec{Argv: []string{"sh", "-c", "sleep 1000 & sleep 1000; wait"}}))
	_, err := runfolder.Start(ctx, c, c.FS(), dir, nil)
	require.NoError(t, err)
	require.NoError(t, runfolder.Cancel(ctx, c, c.FS(), dir, 5*time.Second))
	st, err := runfolder.ReadStatus(ctx, c, c.FS(), dir)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateCanceled, st.State)
	require.Eventually(t, func() bool {
		out, err := c.Run(ctx, fmt.Sprintf("kill -0 -%d 2>/dev/null && echo alive || echo gone", st.PGID))
		return err == nil && string(out) == "gone\n"
	}, 5*time.Second, 50*time.Millisecond, "the script's process group is gone")
}

// TestFollowResumesAfterDrop drops the connection under a follower, then
// resumes from the offset it returned: no gap, no duplicate.
func TestFollowResumesAfterDrop(t *testing.T) {
	srv := sshtest.Start(t)
	proxy := srv.Proxy(t)
	c := dial(t, proxy.Config())
	dir := path.Join(srv.Home, "runs", "drop")
	ctx := t.Context()
	require.NoError(t, runfolder.Prepare(ctx, c.FS(), dir, ticks(40)))
	_, err := runfolder.Start(ctx, c, c.FS(), dir, nil)
	require.NoError(t, err)

	var log bytes.Buffer
	w := &dropAfter{w: &log, n: 3, drop: proxy.Drop}
	next, _, err := runfolder.Follow(ctx, c.FS(), dir, 0, w, nil)
	require.ErrorIs(t, err, sshx.ErrUnreachable)
	require.Equal(t, int64(log.Len()), next)

	c2 := dial(t, proxy.Config())
	_, st, err := runfolder.Follow(ctx, c2.FS(), dir, next, &log, nil)
	require.NoError(t, err)
	require.Equal(t, runfolder.StateCompleted, st.State)
	require.Equal(t, wantTicks(40), scriptLines(log.String()))
	require.GreaterOrEqual(t, proxy.Accepted(), int64(2))
}

// TestReconnectingFollowRidesOutDrop follows through a Reconnecting
// client while the connection is dropped twice.
func TestReconnectingFollowRidesOutDrop(t *testing.T) {
	srv := sshtest.Start(t)
	proxy := srv.Proxy(t)
	rc, err := sshx.NewReconnecting(proxy.Config(), &sshx.RetryOptions{MinDelay: 10 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = rc.Close() })
	dir := path.Join(srv.Home, "runs", "rc")
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	require.NoError(t, runfolder.Prepare(ctx, rc.FS(), dir, ticks(40)))
	_, err = runfolder.Start(ctx, rc, rc.FS(), dir, nil)
	require.NoError(t, err)

	var log bytes.Buffer
	w := &dropAfter{w: &log, n: 3, drop: proxy.Drop, again: 10}
	_, st, err := runfolder.Follow(ctx, rc.FS(), dir, 0, w, &runfolder.FollowOptions{Shell: rc})
	require.NoError(t, err)
	require.Equal(t, runfolder.StateCompleted, st.State)
	require.Equal(t, wantTicks(40), scriptLines(log.String()))
	require.GreaterOrEqual(t, proxy.Accepted(), int64(3))
}

// dropAfter passes writes to w and calls drop after the n-th write (and
// again after the again-th, if set).
type dropAfter struct {
	w        *bytes.Buffer
	n, again int
	writes   int
	drop     func()
}

func (d *dropAfter) Write(p []byte) (int, error) {
	d.writes++
	if d.writes == d.n || d.writes == d.again {
		d.drop()
	}
	return d.w.Write(p)
}
