package experiment_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// remoteHelperEnv switches this test binary into the remote submitter of
// TestRemoteRunSurvivesKilledClient (see TestRemoteHelperProcess).
const remoteHelperEnv = "EXPERIMENT_REMOTE_HELPER"

// remoteTarget is the name the remote host is attached under.
const remoteTarget = "vm-reattach"

// remoteSteps is how many lines remoteScript prints, 0.1 s apart.
const remoteSteps = 40

// remoteScript prints numbered lines slowly, then writes an output and a
// log file, as a training script does.
const remoteScript = `import os, sys, time
for i in range(int(sys.argv[1])):
    print("step %d" % i, flush=True)
    time.sleep(0.1)
os.makedirs("outputs", exist_ok=True)
open("outputs/model.txt", "w").write("remote weights")
os.makedirs("logs", exist_ok=True)
open("logs/train.log", "w").write("trained\n")
print("done", flush=True)
`

// TestRemoteHelperProcess is not a test: TestRemoteRunSurvivesKilledClient
// runs this binary with EXPERIMENT_REMOTE_HELPER set. It submits
// HELPER_SRC/job.py to the remote target of the workspace at HELPER_WS,
// prints the run id, and blocks until it is killed.
func TestRemoteHelperProcess(t *testing.T) {
	if os.Getenv(remoteHelperEnv) == "" {
		t.Skip("helper process only")
	}
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: os.Getenv("HELPER_WS")})
	require.NoError(t, err)
	exp, err := experiment.New(ws, "train")
	require.NoError(t, err)
	rc := runconfig.New()
	rc.Target = remoteTarget
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = "python3"
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: os.Getenv("HELPER_SRC"), Script: "job.py",
		Arguments: []string{fmt.Sprint(remoteSteps)}, RunConfig: rc}
	run, err := exp.Submit(t.Context(), cfg, nil)
	require.NoError(t, err)
	fmt.Println(run.ID())
	time.Sleep(time.Hour) // until SIGKILL
}

// startRemoteSubmitter attaches srv to a workspace at wsDir, runs the
// helper process that submits to it, and returns the helper and the run id
// it printed.
func startRemoteSubmitter(t *testing.T, srv *sshtest.Server, wsDir string) (*exec.Cmd, string) {
	t.Helper()
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: wsDir})
	require.NoError(t, err)
	op, err := compute.AttachRemoteVM(t.Context(), ws, remoteTarget, &compute.RemoteVMAttachConfig{
		Address: "127.0.0.1", SSHPort: srv.Port, Username: srv.User, PrivateKeyFile: srv.KeyFile,
		KnownHostsFile: srv.KnownHosts}, nil)
	require.NoError(t, err)
	_, err = op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err, srv.Log())
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "job.py"), remoteScript)

	cmd := exec.Command(os.Args[0], "-test.run=^TestRemoteHelperProcess$")
	cmd.Env = append(os.Environ(), remoteHelperEnv+"=1", "HELPER_WS="+wsDir, "HELPER_SRC="+src)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err, "the helper printed no run id")
	id := strings.TrimSpace(line)
	require.Regexp(t, runIDRE, id)
	return cmd, id
}

func TestRemoteRunSurvivesKilledClient(t *testing.T) {
	srv := sshtest.Start(t)
	wsDir := filepath.Join(t.TempDir(), "ws")
	cmd, id := startRemoteSubmitter(t, srv, wsDir)

	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: wsDir})
	require.NoError(t, err)
	run, err := experiment.GetRun(t.Context(), ws, id, nil)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		s, err := run.Status(t.Context())
		return err == nil && s == experiment.StatusRunning
	}, 20*time.Second, 100*time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL), "kill the client while the script runs")
	require.ErrorContains(t, cmd.Wait(), "signal: killed")
	s, err := run.Status(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusRunning, s, "the run outlives its client")

	// Re-attach by id, as a new process would.
	again, err := experiment.GetRun(t.Context(), ws, id, nil)
	require.NoError(t, err)
	var log bytes.Buffer
	d, err := again.WaitForCompletion(t.Context(), &experiment.WaitOptions{Output: &log})
	require.NoError(t, err, log.String())
	require.Equal(t, experiment.StatusCompleted, d.Status)
	requireSteps(t, log.String())
	require.Contains(t, d.OutputFiles, "outputs/model.txt")
	require.Contains(t, d.LogFiles, "logs/train.log")
	model, err := os.ReadFile(filepath.Join(again.Dir(), "outputs", "model.txt"))
	require.NoError(t, err)
	require.Equal(t, "remote weights", string(model))

	var whole bytes.Buffer
	require.NoError(t, again.Log(t.Context(), &whole))
	requireSteps(t, whole.String())
}

// stepLine matches the lines remoteScript prints.
var stepLine = regexp.MustCompile(`(?m)^step (\d+)$`)

// requireSteps checks that log holds every step line once, in order: no
// gap and no duplicate.
func requireSteps(t *testing.T, log string) {
	t.Helper()
	var got []string
	for _, m := range stepLine.FindAllStringSubmatch(log, -1) {
		got = append(got, m[1])
	}
	want := make([]string, remoteSteps)
	for i := range want {
		want[i] = fmt.Sprint(i)
	}
	require.Equal(t, want, got, log)
	require.Equal(t, 1, strings.Count(log, "\ndone\n"), log)
}
