package sshx_test

import (
	"context"
	"io"
	"io/fs"
	"path"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/sshx"
)

func dial(t *testing.T, cfg sshx.Config) *sshx.Client {
	t.Helper()
	c, err := sshx.Dial(t.Context(), cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestRunExitStatus(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	tests := []struct {
		name, cmd    string
		out          string
		status       int
		signal, tail string
	}{
		{"success", "echo out; echo err >&2", "out\n", 0, "", ""},
		{"exit 3", "echo partial; echo boom >&2; exit 3", "partial\n", 3, "", "boom"},
		{"killed", "kill -TERM $$", "", 143, "TERM", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.Run(t.Context(), tt.cmd)
			require.Equal(t, tt.out, string(out))
			if tt.status == 0 {
				require.NoError(t, err)
				return
			}
			var ee *sshx.ExitError
			require.ErrorAs(t, err, &ee)
			require.Equal(t, tt.status, ee.ExitStatus())
			require.Equal(t, tt.signal, ee.Signal)
			require.Contains(t, ee.Stderr, tt.tail)
			require.NotContains(t, err.Error(), tt.cmd)
		})
	}
}

func TestRunStderrTail(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	_, err := c.Run(t.Context(), `i=0; while [ $i -lt 2000 ]; do echo "line $i" >&2; i=$((i+1)); done; exit 1`)
	var ee *sshx.ExitError
	require.ErrorAs(t, err, &ee)
	require.LessOrEqual(t, len(ee.Stderr), 4096)
	require.Contains(t, ee.Stderr, "line 1999\n")
}

func TestRunContextCanceled(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Run(ctx, "sleep 30")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 5*time.Second)
	out, err := c.Run(t.Context(), "echo still usable")
	require.NoError(t, err)
	require.Equal(t, "still usable\n", string(out))
}

func TestRunAfterClose(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	require.NoError(t, c.Close())
	_, err := c.Run(t.Context(), "true")
	require.ErrorIs(t, err, sshx.ErrClosed)
	require.NoError(t, c.Close())
}

func TestFS(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	fsys := c.FS()
	dir := path.Join(srv.Home, "a", "b")
	name := path.Join(dir, "f.txt")

	require.NoError(t, fsys.MkdirAll(dir, 0o750))
	require.NoError(t, fsys.MkdirAll(dir, 0o750)) // exists: no error
	fi, err := fsys.Stat(dir)
	require.NoError(t, err)
	require.True(t, fi.IsDir())
	require.Equal(t, fs.FileMode(0o750), fi.Mode().Perm())

	_, err = fsys.ReadFile(name)
	require.ErrorIs(t, err, fs.ErrNotExist)
	var pe *fs.PathError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, name, pe.Path)
	_, err = fsys.Stat(name)
	require.ErrorIs(t, err, fs.ErrNotExist)

	require.NoError(t, fsys.WriteFile(name, []byte("hello world"), 0o640))
	require.NoError(t, fsys.WriteFile(name, []byte("hello again"), 0o600)) // replaces
	data, err := fsys.ReadFile(name)
	require.NoError(t, err)
	require.Equal(t, "hello again", string(data))
	fi, err = fsys.Stat(name)
	require.NoError(t, err)
	require.Equal(t, int64(11), fi.Size())
	require.Equal(t, fs.FileMode(0o600), fi.Mode().Perm())

	buf := make([]byte, 5)
	n, err := fsys.ReadAt(name, buf, 6)
	require.NoError(t, err)
	require.Equal(t, "again", string(buf[:n]))
	n, err = fsys.ReadAt(name, buf, 9)
	require.ErrorIs(t, err, io.EOF)
	require.Equal(t, "in", string(buf[:n]))

	out, err := c.Run(t.Context(), "ls -A "+dir)
	require.NoError(t, err)
	require.Equal(t, "f.txt\n", string(out), "no temporary file is left")

	stat, err := fsys.ReadFile("/proc/self/stat") // size 0 in stat, read until EOF
	require.NoError(t, err)
	require.NotEmpty(t, stat)

	require.ErrorIs(t, fsys.MkdirAll(path.Join(name, "sub"), 0o755), syscall.ENOTDIR)
	require.NoError(t, fsys.Remove(name))
	require.ErrorIs(t, fsys.Remove(name), fs.ErrNotExist)
	require.ErrorIs(t, fsys.WriteFile("/nonexistent-dir/x", nil, 0o644), fs.ErrNotExist)
	require.ErrorIs(t, fsys.WriteFile("/etc/sshx-test", nil, 0o644), fs.ErrPermission)
}
