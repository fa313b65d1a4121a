package experiment_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// helperEnv switches this test binary into a helper process (see
// TestHelperProcess): "submit-block" or "submit-many".
const helperEnv = "EXPERIMENT_TEST_HELPER"

// pythonConfig runs script (written into a fresh source folder) with
// python3 on the local target.
func pythonConfig(t *testing.T, script string, args ...string) *runconfig.ScriptRunConfig {
	t.Helper()
	py := testenv.LookPath(t, "python3")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "job.py"), script)
	rc := runconfig.New()
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = py
	return &runconfig.ScriptRunConfig{SourceDirectory: dir, Script: "job.py", Arguments: args, RunConfig: rc}
}

// localExperiment returns the experiment "train" of a local workspace at dir.
func localExperiment(t *testing.T, dir string) *experiment.Experiment {
	t.Helper()
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: dir})
	require.NoError(t, err)
	exp, err := experiment.New(ws, "train")
	require.NoError(t, err)
	return exp
}

// helper starts this test binary as a helper process in mode.
func helper(t *testing.T, mode, wsDir string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "HELPER_WS="+wsDir,
		"HELPER_ARGS="+strings.Join(args, "\x1f"))
	return cmd
}

const slowScript = `import sys, time
for i in range(int(sys.argv[1])):
    print("step", i, flush=True)
    time.sleep(0.1)
print("done", flush=True)
`

func TestRunSurvivesKilledSubmitter(t *testing.T) {
	testenv.LookPath(t, "python3")
	wsDir := filepath.Join(t.TempDir(), "ws")
	cmd := helper(t, "submit-block", wsDir, "15")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err, "the helper printed no run id")
	id := strings.TrimSpace(line)
	require.Regexp(t, runIDRE, id)

	exp := localExperiment(t, wsDir)
	run, err := experiment.GetRun(t.Context(), exp.Workspace(), id, nil)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		s, err := run.Status(t.Context())
		return err == nil && s == experiment.StatusRunning
	}, 10*time.Second, 20*time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()

	again, err := experiment.GetRun(t.Context(), exp.Workspace(), id, nil)
	require.NoError(t, err)
	var log bytes.Buffer
	d, err := again.WaitForCompletion(t.Context(), &experiment.WaitOptions{Output: &log})
	require.NoError(t, err, log.String())
	require.Equal(t, experiment.StatusCompleted, d.Status)
	for i := range 15 {
		require.Contains(t, log.String(), fmt.Sprintf("step %d\n", i))
	}
	require.Contains(t, log.String(), "done\n")
	var whole bytes.Buffer
	require.NoError(t, again.Log(t.Context(), &whole))
	require.Contains(t, whole.String(), "step 0\n")
	require.Contains(t, whole.String(), "done\n")
}

func TestConcurrentSubmittersRecordEveryRun(t *testing.T) {
	testenv.LookPath(t, "python3")
	wsDir := filepath.Join(t.TempDir(), "ws")
	localExperiment(t, wsDir) // create the workspace once
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 4)
	errs := make([]error, 4)
	for i := range 4 {
		cmd := helper(t, "submit-many", wsDir, "25")
		cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
		wg.Go(func() { errs[i] = cmd.Run() })
	}
	wg.Wait()
	for i := range 4 {
		require.NoError(t, errs[i], outs[i].String())
	}
	exp := localExperiment(t, wsDir)
	runs, err := exp.ListRuns(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, runs, 100)
	seen := map[string]bool{}
	for _, ri := range runs {
		require.False(t, seen[ri.ID], "duplicate %s", ri.ID)
		seen[ri.ID] = true
		run, err := experiment.GetRun(t.Context(), exp.Workspace(), ri.ID, nil)
		require.NoError(t, err)
		d, err := run.WaitForCompletion(t.Context(), nil)
		require.NoError(t, err)
		require.Equal(t, experiment.StatusCompleted, d.Status)
	}
}

func TestCancelKillsTheWholeProcessGroup(t *testing.T) {
	marker := fmt.Sprintf("cancel-marker-%d", time.Now().UnixNano())
	script := `import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", sys.argv[1]])
print("child", child.pid, flush=True)
time.sleep(60)
`
	exp := localExperiment(t, filepath.Join(t.TempDir(), "ws"))
	run, err := exp.Submit(t.Context(), pythonConfig(t, script, marker), nil)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return len(processesWith(marker)) >= 2 },
		10*time.Second, 20*time.Millisecond, "script and child never ran")
	require.NoError(t, run.Cancel(t.Context()))
	require.Eventually(t, func() bool { return len(processesWith(marker)) == 0 },
		5*time.Second, 20*time.Millisecond, "orphans left: %v", processesWith(marker))
	s, err := run.Status(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCanceled, s)
	// The record is final once the group is gone, but the supervisor may
	// still be writing its last status into the temporary folder: let it
	// finish, or the folder's cleanup races with it.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	st, err := runfolder.Wait(ctx, runfolder.LocalShell{}, runfolder.LocalFS{}, filepath.Join(run.Dir(), "exec"))
	require.NoError(t, err)
	require.Equal(t, runfolder.StateCanceled, st.State)
}

// processesWith lists the pids whose command line contains marker.
func processesWith(marker string) []string {
	var pids []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(cmdline, []byte(marker)) {
			stat, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
			if !bytes.Contains(stat, []byte(") Z ")) { // zombies are already dead
				pids = append(pids, e.Name())
			}
		}
	}
	return pids
}

func TestFailedScriptGivesStatusAndLogTail(t *testing.T) {
	script := "import sys\nfor i in range(40):\n    print('line', i)\nprint('boom: bad data', file=sys.stderr)\nsys.exit(3)\n"
	exp := localExperiment(t, filepath.Join(t.TempDir(), "ws"))
	run, err := exp.Submit(t.Context(), pythonConfig(t, script), nil)
	require.NoError(t, err)
	d, err := run.WaitForCompletion(t.Context(), nil)
	var rfe *experiment.RunFailedError
	require.True(t, errors.As(err, &rfe), "error %v", err)
	require.Equal(t, experiment.StatusFailed, d.Status)
	require.NotNil(t, d.ExitCode)
	require.Equal(t, 3, *d.ExitCode)
	require.LessOrEqual(t, len(rfe.LogTail), experiment.LogTailLines)
	require.Contains(t, err.Error(), "boom: bad data")
	require.NotContains(t, strings.Join(rfe.LogTail, "\n"), "line 5\n")
}
