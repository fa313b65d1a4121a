package compute

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
)

// loopbackConn is a remoteConn on this machine with its own $HOME: the
// same shell commands and file operations an SSH host gets, without sshd.
// It can be told to fail reads after a while, as a dropped connection.
type loopbackConn struct {
	home string
	// failAfter, when > 0, makes the FS's ReadAt fail once that many
	// calls have been made (counted across connections).
	failAfter *atomic.Int64
	reads     *atomic.Int64
}

func (l loopbackConn) Run(ctx context.Context, cmd string) ([]byte, error) {
	return runfolder.LocalShell{}.Run(ctx, "HOME="+shQuote(l.home)+"; export HOME; cd; "+cmd)
}

func (l loopbackConn) FS() runfolder.FS { return &flakyFS{FS: runfolder.LocalFS{}, c: l} }

func (l loopbackConn) Close() error { return nil }

// errDropped stands for a lost connection.
var errDropped = errors.New("connection lost")

type flakyFS struct {
	runfolder.FS
	c loopbackConn
}

func (f *flakyFS) ReadAt(name string, p []byte, off int64) (int, error) {
	n := f.c.reads.Add(1)
	if lim := f.c.failAfter.Load(); lim > 0 && n%lim == 0 {
		return 0, errDropped
	}
	return f.FS.ReadAt(name, p, off)
}

// loopback is a host made of a temporary home folder.
type loopback struct {
	home      string
	dials     atomic.Int64
	failAfter atomic.Int64
	reads     atomic.Int64
}

func newLoopback(t *testing.T) *loopback {
	t.Helper()
	return &loopback{home: t.TempDir()}
}

func (l *loopback) dial(ctx context.Context, p *sshParams) (remoteConn, error) {
	l.dials.Add(1)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return loopbackConn{home: l.home, failAfter: &l.failAfter, reads: &l.reads}, nil
}

// vm returns a RemoteVM whose host is l.
func (l *loopback) vm(name string) *RemoteVM {
	v := newRemoteVM(name, hostRecord{Address: "loopback", Port: 22, Username: "me", KeyFile: "/k"})
	v.core.dial = l.dial
	return v
}

// newTestJob writes files into a source folder, snapshots it, and returns
// a user-managed python3 job over it.
func newTestJob(t *testing.T, runID string, files map[string]string, script string, args ...string) *Job {
	t.Helper()
	src := t.TempDir()
	for name, body := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	m, err := snapshot.Take(t.Context(), src, nil)
	require.NoError(t, err)
	rc := runconfig.New()
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = "python3"
	rc.Environment.EnvironmentVariables = nil
	return &Job{RunID: runID, Experiment: "exp", SourceDir: src, Snapshot: m, Config: rc,
		Script: script, Arguments: args, RunDir: t.TempDir()}
}
