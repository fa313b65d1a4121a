package compute

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const trainPy = `import os, sys, json
print("hello from", os.environ["AZUREML_RUN_ID"], sys.argv[1:], flush=True)
os.makedirs("outputs", exist_ok=True)
open("outputs/model.txt", "w").write("weights")
with open(os.environ["AZUREML_METRICS_FILE"], "a") as f:
    f.write(json.dumps({"name": "accuracy", "value": 0.9}) + "\n")
print("done", flush=True)
`

func TestRemoteVMRunLifecycleLoopback(t *testing.T) {
	lb := newLoopback(t)
	vm := lb.vm("vm1")
	job := newTestJob(t, "run_1", map[string]string{"train.py": trainPy, "data/x.csv": "1,2\n"}, "train.py", "--lr", "0.1")
	metrics := filepath.Join(job.RunDir, "metrics.jsonl")
	job.Env = map[string]string{"AZUREML_RUN_ID": job.RunID, "AZUREML_METRICS_FILE": metrics}

	require.NoError(t, vm.Start(t.Context(), job))
	var log bytes.Buffer
	next, st, err := vm.Follow(t.Context(), job, 0, &log)
	require.NoError(t, err)
	require.Equal(t, JobCompleted, st.State)
	require.Equal(t, int64(log.Len()), next)
	require.Contains(t, log.String(), "hello from run_1 ['--lr', '0.1']")
	require.Contains(t, log.String(), "azureml-go: snapshot: 2 files, 2 uploaded")
	require.Contains(t, log.String(), "azureml-go: environment: user-managed")

	// A fresh value, as another process would build it, sees the same run.
	again := lb.vm("vm1")
	st2, err := again.Status(t.Context(), job)
	require.NoError(t, err)
	require.Equal(t, JobCompleted, st2.State)
	require.NotNil(t, st2.ExitCode)
	require.Equal(t, 0, *st2.ExitCode)
	var log2 bytes.Buffer
	_, _, err = again.Follow(t.Context(), job, 0, &log2)
	require.NoError(t, err)
	require.Equal(t, log.String(), log2.String())

	require.NoError(t, again.CollectOutputs(t.Context(), job))
	got, err := os.ReadFile(filepath.Join(job.RunDir, "outputs", "model.txt"))
	require.NoError(t, err)
	require.Equal(t, "weights", string(got))
	m, err := os.ReadFile(metrics)
	require.NoError(t, err, "the metrics file written on the host comes back to its local path")
	require.Contains(t, string(m), `"accuracy"`)
	driver, err := os.ReadFile(filepath.Join(job.RunDir, "azureml-logs", "70_driver_log.txt"))
	require.NoError(t, err)
	require.Equal(t, log.String(), string(driver))
}

func TestRemoteVMUploadsOnlyMissingFiles(t *testing.T) {
	lb := newLoopback(t)
	vm := lb.vm("vm1")
	files := map[string]string{"train.py": "print('ok')\n", "a.txt": "a", "b.txt": "b"}
	first := newTestJob(t, "run_a", files, "train.py")
	require.NoError(t, vm.Start(t.Context(), first))
	files["b.txt"] = "changed"
	second := newTestJob(t, "run_b", files, "train.py")
	require.NoError(t, vm.Start(t.Context(), second))
	var log bytes.Buffer
	_, st, err := vm.Follow(t.Context(), second, 0, &log)
	require.NoError(t, err)
	require.Equal(t, JobCompleted, st.State)
	require.Contains(t, log.String(), "snapshot: 3 files, 1 uploaded (7 bytes), 2 already on the host")
	b, err := os.ReadFile(filepath.Join(lb.home, ".azureml-go", "runs", "run_b", "wd", "b.txt"))
	require.NoError(t, err)
	require.Equal(t, "changed", string(b))
}

func TestRemoteVMFailedAndCanceled(t *testing.T) {
	lb := newLoopback(t)
	vm := lb.vm("vm1")
	tests := []struct {
		name, script string
		cancel       bool
		want         JobState
	}{
		{"failed", "import sys\nprint('bad')\nsys.exit(3)\n", false, JobFailed},
		{"canceled", "import time\nprint('sleeping', flush=True)\ntime.sleep(60)\n", true, JobCanceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			job := newTestJob(t, "run_"+tt.name, map[string]string{"s.py": tt.script}, "s.py")
			require.NoError(t, vm.Start(t.Context(), job))
			if tt.cancel {
				require.NoError(t, vm.Cancel(t.Context(), job))
			}
			_, st, err := vm.Follow(t.Context(), job, 0, &bytes.Buffer{})
			require.NoError(t, err)
			require.Equal(t, tt.want, st.State)
			if tt.want == JobFailed {
				require.Equal(t, 3, *st.ExitCode)
			}
			require.NoError(t, vm.Cancel(t.Context(), job), "cancel after the end is not an error")
		})
	}
}

func TestRemoteVMFollowResumesAfterDrops(t *testing.T) {
	lb := newLoopback(t)
	vm := lb.vm("vm1").WithOptions(&SSHOptions{ReconnectFor: 30 * time.Second})
	vm.core.dial = lb.dial
	script := "import time\nfor i in range(40):\n    print('line %03d' % i, flush=True)\n    time.sleep(0.01)\n"
	job := newTestJob(t, "run_drop", map[string]string{"s.py": script}, "s.py")
	require.NoError(t, vm.Start(t.Context(), job))
	lb.failAfter.Store(3) // every third read fails, as a dropped connection
	var log bytes.Buffer
	next, st, err := vm.Follow(t.Context(), job, 0, &log)
	require.NoError(t, err)
	require.Equal(t, JobCompleted, st.State)
	require.Equal(t, int64(log.Len()), next)
	require.Greater(t, lb.dials.Load(), int64(2), "it reconnected")
	var want strings.Builder
	for i := range 40 {
		want.WriteString("line " + pad3(i) + "\n")
	}
	require.Contains(t, log.String(), want.String(), "no gap, no duplicate")
	require.Equal(t, 40, strings.Count(log.String(), "line "))
}

func pad3(i int) string {
	return string([]byte{byte('0' + i/100), byte('0' + i/10%10), byte('0' + i%10)})
}

func TestRemoteVMStatusBeforeStart(t *testing.T) {
	lb := newLoopback(t)
	job := newTestJob(t, "run_none", map[string]string{"s.py": ""}, "s.py")
	st, err := lb.vm("vm1").Status(t.Context(), job)
	require.NoError(t, err)
	require.Equal(t, JobNotStarted, st.State)
	err = lb.vm("vm1").CollectOutputs(t.Context(), job)
	require.ErrorIs(t, err, errNotEnded)
}

func TestRemoteVMRejectsBadRunID(t *testing.T) {
	lb := newLoopback(t)
	job := newTestJob(t, "../escape", map[string]string{"s.py": ""}, "s.py")
	err := lb.vm("vm1").Start(t.Context(), job)
	var je *JobError
	require.ErrorAs(t, err, &je)
	require.Equal(t, "RunID", je.Field)
	require.Zero(t, lb.dials.Load(), "rejected before connecting")
}
