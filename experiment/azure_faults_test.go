package experiment_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/experiment"
)

// TestAzureRunBasedCluster: a run whose target is "amlcompute" creates its
// cluster, runs on it, and the cluster is gone once the run has ended.
func TestAzureRunBasedCluster(t *testing.T) {
	e := newAzureEnv(t)
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "main.py"), "print('on a temporary cluster')\n")
	cfg := pyConfig(src, "main.py", "amlcompute")
	cfg.RunConfig.AmlCompute.VMSize = "STANDARD_D2_V2"
	cfg.RunConfig.AmlCompute.ClusterMaxNodeCount = 1
	cfg.RunConfig.AmlCompute.Name = "tmp-cluster"
	run, err := e.exp.Submit(t.Context(), cfg, nil)
	require.NoError(t, err)
	_, err = compute.Get(t.Context(), e.ws, "tmp-cluster")
	require.NoError(t, err, "the cluster exists while the run goes on")
	d, err := run.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, d.Status)
	require.Equal(t, "amlcompute", d.Target)
	_, err = compute.Get(t.Context(), e.ws, "tmp-cluster")
	require.ErrorIs(t, err, compute.ErrNotFound, "the temporary cluster is deleted after its run")

	bad := pyConfig(src, "main.py", "amlcompute")
	_, err = e.exp.Submit(t.Context(), bad, nil)
	require.ErrorContains(t, err, "amlcompute.vm_size", "a run-based target without a vm size fails before any call")
}

// TestAzureUploadResumes: an upload cut off mid-way (its context ends
// after the first file) is resumed by the next submission, which sends
// only the files that had not arrived.
func TestAzureUploadResumes(t *testing.T) {
	e := newAzureEnv(t)
	src := t.TempDir()
	var total int64
	for _, name := range []string{"a.py", "b.py", "c.py", "d.py", "main.py"} {
		body := strings.Repeat(name[:1], 4000)
		if name == "main.py" {
			body = "print('ok')\n"
		}
		writeFile(t, filepath.Join(src, name), body)
		total += int64(len(body))
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var reports []compute.UploadReport
	var firstDone int64
	cut := e.runner(t, &reports, func(o *compute.AzureRunOptions) {
		o.UploadConcurrency = 1
		o.UploadProgress = func(p compute.UploadProgress) {
			if p.FilesDone == 2 {
				firstDone = p.BytesDone
				cancel()
			}
		}
	})
	_, err := e.exp.Submit(ctx, pyConfig(src, "main.py", ""), &experiment.SubmitOptions{Target: cut})
	require.Error(t, err)
	require.True(t, errors.Is(err, context.Canceled), "%v", err)
	require.Positive(t, firstDone)

	r := e.runner(t, &reports, nil)
	run, err := e.exp.Submit(t.Context(), pyConfig(src, "main.py", ""), &experiment.SubmitOptions{Target: r})
	require.NoError(t, err)
	require.Len(t, reports, 1)
	require.GreaterOrEqual(t, reports[0].FilesSkipped, 2, "finished files are not sent again")
	require.Equal(t, 5, reports[0].FilesSkipped+reports[0].FilesSent)
	require.LessOrEqual(t, reports[0].BytesSent, total-firstDone)
	d, err := run.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, d.Status)
}

// TestAzureThrottledPolling: 429s with Retry-After on the job and run
// history reads while waiting are honoured: the wait goes on and ends.
func TestAzureThrottledPolling(t *testing.T) {
	e := newAzureEnv(t)
	var reports []compute.UploadReport
	r := e.runner(t, &reports, nil)
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "main.py"), "import time\nprint('a', flush=True)\ntime.sleep(1)\nprint('b')\n")
	run, err := e.exp.Submit(t.Context(), pyConfig(src, "main.py", ""), &experiment.SubmitOptions{Target: r})
	require.NoError(t, err)
	jobs := e.s.Faults().Throttle("GET", strings.Split(e.s.WorkspaceID(), "/workspaces/")[0], 2, time.Second)
	history := e.s.Faults().Throttle("GET", "/history/", 2, time.Second)
	var out strings.Builder
	d, err := run.WaitForCompletion(t.Context(), &experiment.WaitOptions{Output: &out})
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, d.Status)
	require.Equal(t, 2, jobs.Fired(), "job reads were throttled")
	require.Equal(t, 2, history.Fired(), "run history reads were throttled")
	require.Contains(t, out.String(), "a\nb\n")
	requireRetryAfterHonoured(t, e)
}

// requireRetryAfterHonoured checks that after each 429 the same request
// came again no sooner than its Retry-After.
func requireRetryAfterHonoured(t *testing.T, e *azureEnv) {
	t.Helper()
	reqs := e.s.Requests()
	for i, r := range reqs {
		if r.Status != 429 {
			continue
		}
		for _, next := range reqs[i+1:] {
			if next.Path == r.Path && next.Method == r.Method {
				require.GreaterOrEqual(t, next.Time.Sub(r.Time), r.RetryAfter-50*time.Millisecond, r.Path)
				break
			}
		}
	}
}
