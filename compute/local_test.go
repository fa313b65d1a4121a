package compute_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
)

// trainPy is the script most tests run: it echoes its arguments and
// environment and writes an output file.
const trainPy = `import os, sys
print("args", sys.argv[1:])
print("env", os.environ.get("FROM_CONFIG"), os.environ.get("FROM_JOB"))
print("prefix", sys.prefix)
os.makedirs("outputs", exist_ok=True)
with open("outputs/model.txt", "w") as f:
    f.write("weights")
if os.environ.get("METRICS"):
    with open(os.environ["METRICS"], "a") as f:
        f.write('{"name": "acc", "value": 1.0}\n')
sys.exit(int(os.environ.get("EXIT_CODE", "0")))
`

// newJob writes files into a source folder, snapshots it, and returns a
// job running train.py with a user-managed python3 unless configure
// changes the run configuration.
func newJob(t *testing.T, files map[string]string, configure func(*runconfig.RunConfiguration)) *compute.Job {
	t.Helper()
	src := t.TempDir()
	if files == nil {
		files = map[string]string{"train.py": trainPy}
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(src, name), []byte(body), 0o644))
	}
	m, err := snapshot.Take(t.Context(), src, nil)
	require.NoError(t, err)
	rc := runconfig.New()
	rc.Script = "train.py"
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = testenv.LookPath(t, "python3")
	rc.Environment.EnvironmentVariables = map[string]string{"FROM_CONFIG": "c"}
	if configure != nil {
		configure(rc)
	}
	return &compute.Job{RunID: "run_" + strings.ReplaceAll(t.Name(), "/", "_"), Experiment: "exp",
		SourceDir: src, Snapshot: m, Config: rc, Script: rc.Script, Arguments: []string{"--lr", "0.1"},
		Env: map[string]string{"FROM_JOB": "j"}, RunDir: t.TempDir()}
}

func newLocal(t *testing.T, opts *compute.LocalOptions) *compute.Local {
	t.Helper()
	l, err := compute.NewLocal(newWorkspace(t), opts)
	require.NoError(t, err)
	return l
}

// runToEnd starts job and follows its log to the end.
func runToEnd(t *testing.T, l *compute.Local, job *compute.Job) (string, *compute.JobStatus) {
	t.Helper()
	require.NoError(t, l.Start(t.Context(), job))
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	var log bytes.Buffer
	_, st, err := l.Follow(ctx, job, 0, &log)
	require.NoError(t, err, "log so far:\n%s", log.String())
	return log.String(), st
}

func TestLocalUserManagedRun(t *testing.T) {
	l := newLocal(t, nil)
	job := newJob(t, nil, nil)
	log, st := runToEnd(t, l, job)

	require.Equal(t, compute.JobCompleted, st.State, log)
	require.Equal(t, 0, *st.ExitCode)
	require.Contains(t, log, "args ['--lr', '0.1']")
	require.Contains(t, log, "env c j")
	require.Contains(t, log, "azureml-go: environment: user-managed, interpreter "+job.Config.Environment.Python.InterpreterPath)

	require.NoError(t, l.CollectOutputs(t.Context(), job))
	data, err := os.ReadFile(filepath.Join(job.RunDir, "outputs", "model.txt"))
	require.NoError(t, err)
	require.Equal(t, "weights", string(data))
	info, err := l.Environment(t.Context(), job)
	require.NoError(t, err)
	require.Equal(t, "user-managed", info.Mode)
}

func TestLocalFailingScript(t *testing.T) {
	l := newLocal(t, nil)
	job := newJob(t, nil, nil)
	job.Env["EXIT_CODE"] = "3"
	_, st := runToEnd(t, l, job)
	require.Equal(t, compute.JobFailed, st.State)
	require.Equal(t, 3, *st.ExitCode)
	require.Contains(t, st.Error, "exited with code 3")
}

func TestLocalPythonFallsBackToPython3(t *testing.T) {
	py := testenv.LookPath(t, "python3")
	bin := t.TempDir() // holds python3 only: no "python" on this PATH
	require.NoError(t, os.Symlink(py, filepath.Join(bin, "python3")))
	l := newLocal(t, nil)
	job := newJob(t, nil, func(rc *runconfig.RunConfiguration) {
		rc.Environment.Python.InterpreterPath = "" // the SDK default, "python"
		rc.Environment.EnvironmentVariables["PATH"] = bin + ":/usr/bin:/bin"
	})
	if _, err := exec.LookPath("/usr/bin/python"); err == nil {
		t.Fatalf("/usr/bin/python exists: this test needs a PATH without python")
	}
	log, st := runToEnd(t, l, job)
	require.Equal(t, compute.JobCompleted, st.State, log)
	require.Contains(t, log, `azureml-go: "python" not found on PATH; using "python3" (`+filepath.Join(bin, "python3")+")")
}

func TestLocalMissingInterpreter(t *testing.T) {
	l := newLocal(t, nil)
	job := newJob(t, nil, func(rc *runconfig.RunConfiguration) {
		rc.Environment.Python.InterpreterPath = "no-such-python-xyz"
	})
	err := l.Start(t.Context(), job)
	var ie *compute.InterpreterError
	require.ErrorAs(t, err, &ie)
	require.Equal(t, "no-such-python-xyz", ie.Interpreter)
}

func TestLocalCancel(t *testing.T) {
	l := newLocal(t, nil)
	job := newJob(t, map[string]string{"train.py": "import time\nprint('started', flush=True)\ntime.sleep(60)\n"}, nil)
	require.NoError(t, l.Start(t.Context(), job))
	// While the script runs, the folders CollectOutputs fills already exist.
	for _, sub := range []string{"outputs", "logs", "azureml-logs"} {
		fi, err := os.Stat(filepath.Join(job.RunDir, sub))
		require.NoError(t, err, sub)
		require.True(t, fi.IsDir(), sub)
	}
	require.NoError(t, l.Cancel(t.Context(), job))
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	_, st, err := l.Follow(ctx, job, 0, &bytes.Buffer{})
	require.NoError(t, err)
	require.Equal(t, compute.JobCanceled, st.State)
	require.NoError(t, l.Cancel(t.Context(), job), "canceling an ended job is not an error")
}

func TestLocalMaxRunDuration(t *testing.T) {
	l := newLocal(t, nil)
	job := newJob(t, map[string]string{"train.py": "import time\ntime.sleep(60)\n"},
		func(rc *runconfig.RunConfiguration) { rc.MaxRunDurationSeconds = 1 })
	_, st := runToEnd(t, l, job)
	require.Equal(t, compute.JobFailed, st.State)
	require.Contains(t, st.Error, "maximum run duration")
}

func TestLocalStatusBeforeStart(t *testing.T) {
	l := newLocal(t, nil)
	job := newJob(t, nil, nil)
	st, err := l.Status(t.Context(), job)
	require.NoError(t, err)
	require.Equal(t, compute.JobNotStarted, st.State)
	require.ErrorContains(t, l.CollectOutputs(t.Context(), job), "has not ended")
}

func TestLocalRejectsBadJobs(t *testing.T) {
	l := newLocal(t, nil)
	tests := []struct {
		field  string
		mutate func(*compute.Job)
	}{
		{"RunID", func(j *compute.Job) { j.RunID = "" }},
		{"RunDir", func(j *compute.Job) { j.RunDir = "relative" }},
		{"Config", func(j *compute.Job) { j.Config = nil }},
		{"Script", func(j *compute.Job) { j.Script = "missing.py" }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			job := newJob(t, nil, nil)
			tt.mutate(job)
			var je *compute.JobError
			require.ErrorAs(t, l.Start(t.Context(), job), &je)
			require.Equal(t, tt.field, je.Field)
		})
	}
}
