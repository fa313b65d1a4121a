package workspace_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace"
)

func TestLocal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: dir})
	require.NoError(t, err)
	require.True(t, ws.IsLocal())
	require.Equal(t, workspace.KindLocal, ws.Kind())
	require.Equal(t, dir, ws.LocalDir())
	require.Equal(t, workspace.LocalName, ws.Name())
	require.Empty(t, ws.SubscriptionID())
	require.Empty(t, ws.ResourceGroup())
	require.Empty(t, ws.ID())
	require.Equal(t, "local workspace at "+dir, ws.String())
	for _, sub := range []string{"records", "objects", "locks", "tmp", "envs", "runs"} {
		require.DirExists(t, filepath.Join(dir, sub))
	}
	again, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: dir})
	require.NoError(t, err)
	require.Equal(t, ws, again)
}

func TestLocalRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "thesis.tex"), []byte("x"), 0o644))
	_, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: dir})
	require.ErrorContains(t, err, "workspace: local workspace "+dir+": store: ")
	require.NoDirExists(t, filepath.Join(dir, "records"))
}

func TestDefaultLocalDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tests := []struct {
		name, azHome, xdg, want string
	}{
		{"AZUREML_GO_HOME wins", filepath.Join(home, "az"), filepath.Join(home, "xdg"), filepath.Join(home, "az")},
		{"relative AZUREML_GO_HOME made absolute", "rel", "", ""},
		{"XDG_DATA_HOME", "", filepath.Join(home, "xdg"), filepath.Join(home, "xdg", "azureml-go")},
		{"relative XDG_DATA_HOME ignored", "", "xdg", filepath.Join(home, ".local", "share", "azureml-go")},
		{"home", "", "", filepath.Join(home, ".local", "share", "azureml-go")},
	}
	if runtime.GOOS == "darwin" {
		mac := filepath.Join(home, "Library", "Application Support", "azureml-go")
		tests[2].want, tests[3].want, tests[4].want = mac, mac, mac
	}
	cwd, err := os.Getwd()
	require.NoError(t, err)
	tests[1].want = filepath.Join(cwd, "rel")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(workspace.HomeEnv, tt.azHome)
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			got, err := workspace.DefaultLocalDir()
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
	t.Run("Local uses it", func(t *testing.T) {
		t.Setenv(workspace.HomeEnv, filepath.Join(home, "viaenv"))
		ws, err := workspace.Local(t.Context(), nil)
		require.NoError(t, err)
		require.Equal(t, filepath.Join(home, "viaenv"), ws.LocalDir())
	})
}

const helperEnv = "WORKSPACE_TEST_HELPER_DIR"

// TestHelperProcess is not a test: it is the body of the process started
// by TestLocalConcurrentOpen, which opens the local workspace named by
// WORKSPACE_TEST_HELPER_DIR several times and reports on stdout.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		return
	}
	for range 20 {
		if _, err := workspace.Local(context.Background(), &workspace.LocalOptions{Dir: dir}); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
	}
	fmt.Println("ok")
	os.Exit(0)
}

func TestLocalConcurrentOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	var procs []*exec.Cmd
	var outs []*bufio.Scanner
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), helperEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		procs = append(procs, cmd)
		outs = append(outs, bufio.NewScanner(out))
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			for range 10 {
				_, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: dir})
				errs[i] = errors.Join(errs[i], err)
			}
		})
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
	for i, cmd := range procs {
		require.True(t, outs[i].Scan())
		require.Equal(t, "ok", outs[i].Text())
		require.NoError(t, cmd.Wait())
	}
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: dir})
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(ws.LocalDir(), "format.json"))
}
