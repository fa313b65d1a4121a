package compute_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
	"github.com/azureml-go/azureml/workspace"
)

// attachVM attaches srv (or its proxy port) with key login and returns
// the target as a later process gets it: through compute.Get.
func attachVM(t *testing.T, ws *workspace.Workspace, name string, srv *sshtest.Server, port int, knownHosts string) *compute.RemoteVM {
	t.Helper()
	cfg := &compute.RemoteVMAttachConfig{Address: "127.0.0.1", SSHPort: port, Username: srv.User,
		PrivateKeyFile: srv.KeyFile, KnownHostsFile: knownHosts}
	op, err := compute.AttachRemoteVM(t.Context(), ws, name, cfg, nil)
	require.NoError(t, err)
	_, err = op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err, srv.Log())
	target, err := compute.Get(t.Context(), ws, name)
	require.NoError(t, err)
	vm, ok := target.(*compute.RemoteVM)
	require.True(t, ok, "Get returns a *RemoteVM, got %T", target)
	return vm
}

// sshJob snapshots a folder holding files and returns a user-managed
// python3 job over it.
func sshJob(t *testing.T, runID string, files map[string]string, script string, args ...string) *compute.Job {
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
	return &compute.Job{RunID: runID, Experiment: "exp", SourceDir: src, Snapshot: m, Config: rc,
		Script: script, Arguments: args, RunDir: t.TempDir()}
}

const sshTrainPy = `import os, sys
print("args", sys.argv[1:], "on", os.uname().nodename != "", flush=True)
os.makedirs("outputs", exist_ok=True)
open("outputs/model.txt", "w").write("weights")
os.makedirs("logs", exist_ok=True)
open(os.environ["AZUREML_METRICS_FILE"], "a").write('{"name": "accuracy", "value": 0.75}\n')
`

func TestRemoteVMOverSSH(t *testing.T) {
	srv := sshtest.Start(t)
	ws := newWorkspace(t)
	vm := attachVM(t, ws, "vm-ssh", srv, srv.Port, srv.KnownHosts)
	require.Equal(t, srv.User, vm.Username())
	require.Equal(t, "Linux", vm.Host().OS)
	require.Contains(t, vm.Host().Python, "Python 3")

	job := sshJob(t, "run_ok", map[string]string{"train.py": sshTrainPy}, "train.py", "--epochs", "2")
	job.Env = map[string]string{"AZUREML_METRICS_FILE": "logs/metrics.jsonl"}
	require.NoError(t, vm.Start(t.Context(), job))
	var log bytes.Buffer
	next, st, err := vm.Follow(t.Context(), job, 0, &log)
	require.NoError(t, err)
	require.Equal(t, compute.JobCompleted, st.State, log.String())
	require.Equal(t, int64(log.Len()), next)
	require.Contains(t, log.String(), "args ['--epochs', '2'] on True")

	// Re-attach as another process: a fresh target from the workspace.
	again, err := compute.Get(t.Context(), ws, "vm-ssh")
	require.NoError(t, err)
	runner := again.(compute.Runner)
	st, err = runner.Status(t.Context(), job)
	require.NoError(t, err)
	require.Equal(t, compute.JobCompleted, st.State)
	var log2 bytes.Buffer
	_, _, err = runner.Follow(t.Context(), job, 0, &log2)
	require.NoError(t, err)
	require.Equal(t, log.String(), log2.String())
	require.NoError(t, runner.CollectOutputs(t.Context(), job))
	model, err := os.ReadFile(filepath.Join(job.RunDir, "outputs", "model.txt"))
	require.NoError(t, err)
	require.Equal(t, "weights", string(model))
	metrics, err := os.ReadFile(filepath.Join(job.RunDir, "logs", "metrics.jsonl"))
	require.NoError(t, err)
	require.Contains(t, string(metrics), "accuracy")
	require.FileExists(t, filepath.Join(job.RunDir, "azureml-logs", "70_driver_log.txt"))
	// The run folder is in the test user's home on the host.
	require.DirExists(t, filepath.Join(srv.Home, ".azureml-go", "runs", "run_ok", "wd"))
}

func TestRemoteVMOverSSHFailedCanceledConcurrent(t *testing.T) {
	srv := sshtest.Start(t)
	vm := attachVM(t, newWorkspace(t), "vm-ssh", srv, srv.Port, srv.KnownHosts)
	failed := sshJob(t, "run_fail", map[string]string{"s.py": "import sys\nprint('oops')\nsys.exit(2)\n"}, "s.py")
	slow := sshJob(t, "run_slow", map[string]string{"s.py": "import time\nprint('start', flush=True)\ntime.sleep(120)\n"}, "s.py")
	require.NoError(t, vm.Start(t.Context(), slow))
	require.NoError(t, vm.Start(t.Context(), failed), "two runs on one host at once")

	_, st, err := vm.Follow(t.Context(), failed, 0, &bytes.Buffer{})
	require.NoError(t, err)
	require.Equal(t, compute.JobFailed, st.State)
	require.Equal(t, 2, *st.ExitCode)

	st, err = vm.Status(t.Context(), slow)
	require.NoError(t, err)
	require.Equal(t, compute.JobRunning, st.State)
	require.NoError(t, vm.Cancel(t.Context(), slow))
	st, err = vm.Status(t.Context(), slow)
	require.NoError(t, err)
	require.Equal(t, compute.JobCanceled, st.State)
}

func TestRemoteVMFollowSurvivesDroppedConnection(t *testing.T) {
	srv := sshtest.Start(t)
	proxy := srv.Proxy(t)
	vm := attachVM(t, newWorkspace(t), "vm-proxy", srv, proxy.Port, proxy.KnownHosts)
	script := "import time\nfor i in range(30):\n    print('line %02d' % i, flush=True)\n    time.sleep(0.05)\n"
	job := sshJob(t, "run_drop", map[string]string{"s.py": script}, "s.py")
	require.NoError(t, vm.Start(t.Context(), job))

	// Drop the connection twice once the log streams. (Follow does not
	// retry a drop before its first connection is fully up.)
	var log bytes.Buffer
	w := &firstWrite{w: &log, seen: make(chan struct{})}
	go func() {
		select {
		case <-w.seen:
		case <-t.Context().Done():
			return
		}
		for _, d := range []time.Duration{100 * time.Millisecond, 400 * time.Millisecond} {
			time.Sleep(d)
			proxy.Drop()
		}
	}()
	next, st, err := vm.Follow(t.Context(), job, 0, w)
	require.NoError(t, err)
	require.Equal(t, compute.JobCompleted, st.State)
	require.Equal(t, int64(log.Len()), next)
	var want strings.Builder
	for i := range 30 {
		want.WriteString("line " + string(rune('0'+i/10)) + string(rune('0'+i%10)) + "\n")
	}
	require.Contains(t, log.String(), want.String(), "no gap, no duplicate")
	require.Greater(t, proxy.Accepted(), int64(3), "follow reconnected through the proxy")
}

// firstWrite passes writes to w and closes seen at the first one.
type firstWrite struct {
	w    io.Writer
	seen chan struct{}
	once sync.Once
}

func (f *firstWrite) Write(p []byte) (int, error) {
	f.once.Do(func() { close(f.seen) })
	return f.w.Write(p)
}

func TestRemoteVMOverSSHUploadsOnlyChangedFiles(t *testing.T) {
	srv := sshtest.Start(t)
	vm := attachVM(t, newWorkspace(t), "vm-ssh", srv, srv.Port, srv.KnownHosts)
	files := map[string]string{"s.py": "print(open('data.txt').read())\n", "data.txt": "first", "lib/util.py": "x = 1\n"}
	logs := make([]string, 2)
	for i, data := range []string{"first", "second!"} {
		files["data.txt"] = data
		job := sshJob(t, "run_sync"+string(rune('a'+i)), files, "s.py")
		require.NoError(t, vm.Start(t.Context(), job))
		var log bytes.Buffer
		_, st, err := vm.Follow(t.Context(), job, 0, &log)
		require.NoError(t, err)
		require.Equal(t, compute.JobCompleted, st.State)
		require.Contains(t, log.String(), data+"\n")
		logs[i] = log.String()
	}
	require.Contains(t, logs[0], "snapshot: 3 files, 3 uploaded")
	require.Contains(t, logs[1], "snapshot: 3 files, 1 uploaded (7 bytes), 2 already on the host")
}
