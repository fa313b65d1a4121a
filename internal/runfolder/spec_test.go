package runfolder_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/runfolder"
)

func TestSpecValidate(t *testing.T) {
	cases := []struct {
		name   string
		spec   runfolder.Spec
		field  string
		value  string
		secret string // must not appear in the message
	}{
		{"no argv", runfolder.Spec{}, "Argv[0]", "", ""},
		{"empty program", runfolder.Spec{Argv: []string{""}}, "Argv[0]", "", ""},
		{"NUL in arg", runfolder.Spec{Argv: []string{"p", "a\x00b"}}, "Argv[1]", "", "a\x00b"},
		{"bad env name", runfolder.Spec{Argv: []string{"p"}, Env: map[string]string{"A-B": "v"}}, "Env", "A-B", ""},
		{"env name digit", runfolder.Spec{Argv: []string{"p"}, Env: map[string]string{"1A": "v"}}, "Env", "1A", ""},
		{"reserved env", runfolder.Spec{Argv: []string{"p"}, Env: map[string]string{runfolder.RunDirEnv: "/x"}}, "Env", runfolder.RunDirEnv, ""},
		{"NUL in env value", runfolder.Spec{Argv: []string{"p"}, Env: map[string]string{"TOKEN": "s3cr3t\x00"}}, `Env["TOKEN"]`, "", "s3cr3t"},
		{"negative timeout", runfolder.Spec{Argv: []string{"p"}, Timeout: -time.Second}, "Timeout", "-1s", ""},
		{"negative grace", runfolder.Spec{Argv: []string{"p"}, Grace: -time.Second}, "Grace", "-1s", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.spec.Validate()
			var se *runfolder.SpecError
			require.ErrorAs(t, err, &se)
			require.Equal(t, tc.field, se.Field)
			require.Equal(t, tc.value, se.Value)
			require.Contains(t, err.Error(), "runfolder: "+tc.field)
			if tc.secret != "" {
				require.NotContains(t, err.Error(), tc.secret)
			}
			// Prepare refuses it before touching the disk.
			dir := filepath.Join(t.TempDir(), "run")
			require.ErrorAs(t, runfolder.Prepare(t.Context(), runfolder.LocalFS{}, dir, tc.spec), &se)
			_, statErr := os.Stat(dir)
			require.ErrorIs(t, statErr, fs.ErrNotExist)
		})
	}
	require.NoError(t, runfolder.Spec{Argv: []string{"p"}, Env: map[string]string{"_a1": "x"}}.Validate())
}

func TestPrepareLayoutAndReadSpec(t *testing.T) {
	spec := runfolder.Spec{Argv: []string{"python", "train.py", "--lr", "0.1"},
		Env: map[string]string{"A": "1"}, Timeout: 90 * time.Minute}
	dir := newRun(t, spec)
	for _, p := range []string{runfolder.SpecFile, runfolder.CommandFile, runfolder.SupervisorFile,
		runfolder.WorkDir + "/outputs", runfolder.WorkDir + "/logs", filepath.Dir(runfolder.DriverLog)} {
		_, err := os.Stat(filepath.Join(dir, p))
		require.NoError(t, err, p)
	}
	fi, err := os.Stat(filepath.Join(dir, runfolder.SpecFile))
	require.NoError(t, err)
	require.Equal(t, fs.FileMode(0o600), fi.Mode().Perm(), "env values may be secrets")
	got, err := runfolder.ReadSpec(t.Context(), runfolder.LocalFS{}, dir)
	require.NoError(t, err)
	spec.Grace = runfolder.DefaultGrace
	require.Equal(t, &spec, got)
}

func TestPrepareRejectsRelativeDir(t *testing.T) {
	for _, dir := range []string{"run", "/", "/a/../b", ""} {
		err := runfolder.Prepare(t.Context(), runfolder.LocalFS{}, dir, runfolder.Spec{Argv: []string{"true"}})
		var se *runfolder.SpecError
		require.ErrorAs(t, err, &se, dir)
		require.Equal(t, "dir", se.Field)
	}
}

func TestLocalShell(t *testing.T) {
	cases := []struct {
		name, cmd, out string
		status         int
		stderr         string
	}{
		{"ok", "printf 'a b'", "a b", 0, ""},
		{"exit", "echo partial; echo oops >&2; exit 4", "partial\n", 4, "oops"},
		{"signal", "kill -TERM $$", "", 128 + 15, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runfolder.LocalShell{}.Run(t.Context(), tc.cmd)
			require.Equal(t, tc.out, string(out))
			if tc.status == 0 {
				require.NoError(t, err)
				return
			}
			var ee *runfolder.ExitError
			require.ErrorAs(t, err, &ee)
			require.Equal(t, tc.status, ee.ExitStatus())
			require.Contains(t, ee.Error(), tc.stderr)
		})
	}
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := runfolder.LocalShell{}.Run(ctx, "sleep 1000 & sleep 1000; wait")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 5*time.Second)
}

func TestLocalFS(t *testing.T) {
	fsys, dir := runfolder.LocalFS{}, t.TempDir()
	name := filepath.Join(dir, "sub", "f")
	require.NoError(t, fsys.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, fsys.WriteFile(name, []byte("old"), 0o644))
	require.NoError(t, fsys.WriteFile(name, []byte("hello world"), 0o640))
	b, err := fsys.ReadFile(name)
	require.NoError(t, err)
	require.Equal(t, "hello world", string(b))
	fi, err := fsys.Stat(name)
	require.NoError(t, err)
	require.Equal(t, fs.FileMode(0o640), fi.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(name))
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left behind")

	p := make([]byte, 8)
	n, err := fsys.ReadAt(name, p, 6)
	require.ErrorIs(t, err, io.EOF)
	require.Equal(t, "world", string(p[:n]))

	require.NoError(t, fsys.Remove(name))
	_, err = fsys.ReadFile(name)
	require.True(t, errors.Is(err, fs.ErrNotExist))
}
