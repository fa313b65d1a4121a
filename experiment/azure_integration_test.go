package experiment_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/experiment"
)

// TestAzureTrainingScript submits the examples/local training script,
// unchanged, to an emulated AmlCompute through the workspace's own target
// lookup, streams it to the end, and re-attaches from a fresh handle.
func TestAzureTrainingScript(t *testing.T) {
	e := newAzureEnv(t)
	src := copyTree(t, filepath.Join("..", "examples", "local", "train"))
	cfg := pyConfig(src, "train.py", "cpu-cluster", "--epochs", "20", "--lr", "0.1")
	run, err := e.exp.Submit(t.Context(), cfg, &experiment.SubmitOptions{Tags: map[string]string{"team": "ml"}})
	require.NoError(t, err)
	var out bytes.Buffer
	d, err := run.WaitForCompletion(t.Context(), &experiment.WaitOptions{Output: &out})
	require.NoError(t, err, out.String())
	require.Equal(t, experiment.StatusCompleted, d.Status)
	require.Contains(t, out.String(), "accuracy")
	require.Contains(t, d.OutputFiles, "outputs/model.json")
	_, err = os.Stat(filepath.Join(run.Dir(), "outputs", "model.json"))
	require.NoError(t, err)
	m, err := run.Metrics(t.Context())
	require.NoError(t, err)
	require.NotEmpty(t, m["accuracy"])

	url, err := run.PortalURL(t.Context())
	require.NoError(t, err)
	require.Contains(t, url, run.ID())
	require.Equal(t, url, d.PortalURL, "the details carry the studio URL")
	put := lastJobPut(t, e, run.ID())
	require.Contains(t, put, `"team":"ml"`, "tags reach the job")
	require.Contains(t, put, `"ContentSnapshotId"`, "properties reach the job")
	require.Contains(t, put, `"command":"mkdir -p outputs logs \u0026\u0026 exec python3 train.py --epochs 20 --lr 0.1"`)

	again, err := experiment.GetRun(t.Context(), e.ws, run.ID(), nil)
	require.NoError(t, err)
	st, err := again.Status(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, st)
}

// lastJobPut returns the body of the last PUT of job id.
func lastJobPut(t *testing.T, e *azureEnv, id string) string {
	t.Helper()
	body := ""
	for _, r := range e.s.Requests() {
		if r.Method == "PUT" && strings.HasSuffix(r.Path, "/jobs/"+id) {
			body = string(r.Body)
		}
	}
	require.NotEmpty(t, body)
	return body
}

// TestAzureResubmitUploadsOnlyChanges: the first submission sends every
// file; after one file changes only that file travels (the others are
// copied server side); an unchanged folder uploads nothing at all.
func TestAzureResubmitUploadsOnlyChanges(t *testing.T) {
	e := newAzureEnv(t)
	var reports []compute.UploadReport
	r := e.runner(t, &reports, nil)
	src := t.TempDir()
	files := map[string]string{"main.py": "print('hello')\n", "lib/a.py": strings.Repeat("a", 5000), "lib/b.py": strings.Repeat("b", 7000), "data.csv": "x\n1\n"}
	var total int64
	for p, c := range files {
		writeFile(t, filepath.Join(src, p), c)
		total += int64(len(c))
	}
	submit := func() {
		run, err := e.exp.Submit(t.Context(), pyConfig(src, "main.py", ""), &experiment.SubmitOptions{Target: r})
		require.NoError(t, err)
		d, err := run.WaitForCompletion(t.Context(), nil)
		require.NoError(t, err)
		require.Equal(t, experiment.StatusCompleted, d.Status)
	}
	submit()
	require.Len(t, reports, 1)
	require.Equal(t, compute.UploadReport{RunID: reports[0].RunID, CodeID: reports[0].CodeID, FilesSent: 4, BytesSent: total}, reports[0])

	changed := strings.Repeat("B", 6000)
	writeFile(t, filepath.Join(src, "lib/b.py"), changed)
	submit()
	require.Len(t, reports, 2)
	t.Logf("re-submit after one changed file sent %d bytes for a %d-byte file", reports[1].BytesSent, len(changed))
	require.Equal(t, int64(len(changed)), reports[1].BytesSent, "only the changed file's bytes are sent")
	require.Equal(t, 1, reports[1].FilesSent)
	require.Equal(t, 3, reports[1].FilesCopied)

	uploads := requestsMatching(e.s, "POST", "/startPendingUpload")
	submit()
	require.Len(t, reports, 3)
	require.True(t, reports[2].Reused)
	require.Equal(t, reports[1].CodeID, reports[2].CodeID)
	require.Zero(t, reports[2].BytesSent)
	require.Equal(t, uploads, requestsMatching(e.s, "POST", "/startPendingUpload"), "an unchanged folder asks for no upload")
}

// TestAzureCancelAndFailure: cancel mid-run ends Canceled; a failing script
// ends Failed with the log's tail in the error.
func TestAzureCancelAndFailure(t *testing.T) {
	e := newAzureEnv(t)
	var reports []compute.UploadReport
	r := e.runner(t, &reports, nil)
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "slow.py"), "import time\nprint('started', flush=True)\ntime.sleep(60)\n")
	writeFile(t, filepath.Join(src, "fail.py"), "import sys\nfor i in range(30):\n    print('line', i)\nsys.exit(3)\n")

	run, err := e.exp.Submit(t.Context(), pyConfig(src, "slow.py", ""), &experiment.SubmitOptions{Target: r})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		st, err := run.Status(t.Context())
		return err == nil && st == experiment.StatusRunning
	}, 30*time.Second, 50*time.Millisecond)
	start := time.Now()
	require.NoError(t, run.Cancel(t.Context()))
	require.Less(t, time.Since(start), 20*time.Second)
	st, err := run.Status(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCanceled, st)

	run, err = e.exp.Submit(t.Context(), pyConfig(src, "fail.py", ""), &experiment.SubmitOptions{Target: r})
	require.NoError(t, err)
	_, err = run.WaitForCompletion(t.Context(), nil)
	var rf *experiment.RunFailedError
	require.True(t, errors.As(err, &rf), "%v", err)
	require.Equal(t, experiment.StatusFailed, rf.Status)
	require.Contains(t, rf.LogTail, "line 29")
	require.Contains(t, rf.Reason, "line 29")
}
