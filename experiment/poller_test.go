package experiment_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
)

// pollOnce polls p and returns the status the run reached and the wait
// the poll asked for.
func pollOnce(t *testing.T, p *runtime.Poller[*experiment.Details]) time.Duration {
	t.Helper()
	resp, err := p.Poll(t.Context())
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode)
	ms := resp.Header.Get("retry-after-ms")
	require.NotEmpty(t, ms, "every poll says when to ask again")
	d, err := time.ParseDuration(ms + "ms")
	require.NoError(t, err)
	return d
}

// pollUntilDone runs p's PollUntilDone at an hour's frequency, so that it
// ends within limit only if every poll asks for the short wait it should.
func pollUntilDone(t *testing.T, p *runtime.Poller[*experiment.Details], limit time.Duration) (*experiment.Details, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), limit)
	defer cancel()
	return p.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: time.Hour})
}

func TestPollerPacesPollsByStatusChanges(t *testing.T) {
	exp := newExperiment(t)
	run, _ := submitMock(t, exp, computetest.States(compute.JobQueued, compute.JobRunning, compute.JobRunning,
		compute.JobRunning, compute.JobRunning, compute.JobRunning, compute.JobCompleted).WithOutput("outputs/m.bin", "x"))
	p, err := run.Poller(&experiment.PollerOptions{MinInterval: 10 * time.Millisecond, MaxInterval: 50 * time.Millisecond})
	require.NoError(t, err)
	var waits []time.Duration
	for !p.Done() {
		waits = append(waits, pollOnce(t, p))
		require.Less(t, len(waits), 20, "the run never ended")
	}
	// Queued (new) 10, Running (new) 10, then 20, 40, 50 (the cap), 50, Completed (new) 10.
	ms := time.Millisecond
	require.Equal(t, []time.Duration{10 * ms, 10 * ms, 20 * ms, 40 * ms, 50 * ms, 50 * ms, 10 * ms}, waits)
	d, err := p.Result(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, d.Status)
	require.Equal(t, []string{"outputs/m.bin"}, d.OutputFiles, "the poll that saw the end recorded the outputs")
	_, err = p.ResumeToken()
	require.Error(t, err, "a finished poller has no resume token")
}

func TestPollerFailedRunGivesRunFailedError(t *testing.T) {
	exp := newExperiment(t)
	run, _ := submitMock(t, exp, computetest.Fails(errors.New("exit code 3"), "epoch 1", "Traceback: boom"))
	p, err := run.Poller(&experiment.PollerOptions{MinInterval: time.Millisecond})
	require.NoError(t, err)
	d, err := pollUntilDone(t, p, 30*time.Second)
	var rf *experiment.RunFailedError
	require.ErrorAs(t, err, &rf)
	require.Equal(t, run.ID(), rf.RunID)
	require.Contains(t, rf.LogTail, "Traceback: boom")
	require.Contains(t, rf.Reason, "exit code 3")
	require.Nil(t, d, "azcore keeps no result beside an error")
	details, err := run.Details(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusFailed, details.Status, "the poll that saw the end recorded it")
}

func TestPollerResumesFromToken(t *testing.T) {
	exp := newExperiment(t)
	run, target := submitMock(t, exp, computetest.States(compute.JobQueued, compute.JobRunning, compute.JobRunning, compute.JobCompleted))
	p, err := run.Poller(&experiment.PollerOptions{MinInterval: 5 * time.Millisecond, MaxInterval: 7 * time.Millisecond})
	require.NoError(t, err)
	pollOnce(t, p)
	require.False(t, p.Done())
	token, err := p.ResumeToken()
	require.NoError(t, err)
	require.Contains(t, token, run.ID())

	// Another process: only the workspace and the token.
	resumed, err := experiment.ResumePoller(t.Context(), exp.Workspace(), token, &experiment.GetRunOptions{Target: target})
	require.NoError(t, err)
	require.Equal(t, 5*time.Millisecond, pollOnce(t, resumed), "the pace travels with the token; Running is a change")
	require.Equal(t, 7*time.Millisecond, pollOnce(t, resumed), "unchanged: doubled, capped at the token's maximum")
	require.False(t, resumed.Done())
	require.Equal(t, 5*time.Millisecond, pollOnce(t, resumed))
	require.True(t, resumed.Done())
	d, err := resumed.Result(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, d.Status)

	for _, bad := range []string{"", "{}", `{"type":"*Details","token":{}}`, "not json"} {
		_, err := experiment.ResumePoller(t.Context(), exp.Workspace(), bad, nil)
		var ve *experiment.ValidationError
		require.ErrorAs(t, err, &ve, "token %q", bad)
		require.Equal(t, "token", ve.Field)
	}
	other := `{"type":"*AmlCompute","token":{"runId":"` + run.ID() + `"}}`
	_, err = experiment.ResumePoller(t.Context(), exp.Workspace(), other, &experiment.GetRunOptions{Target: target})
	require.ErrorAs(t, err, new(*experiment.ValidationError), "a token of another poller type")
}

// TestPollerRealLocalRun drives a real python3 run on the local target
// with PollUntilDone at an hour's frequency: it ends only because every
// poll asks for the short wait.
func TestPollerRealLocalRun(t *testing.T) {
	exp := localExperiment(t, filepath.Join(t.TempDir(), "ws"))
	cfg := pythonConfig(t, "import time, os\ntime.sleep(0.3)\nos.makedirs('outputs', exist_ok=True)\nopen('outputs/r.txt','w').write('ok')\nprint('done')\n")
	run, err := exp.Submit(t.Context(), cfg, nil)
	require.NoError(t, err)
	p, err := run.Poller(nil)
	require.NoError(t, err)
	d, err := pollUntilDone(t, p, 30*time.Second)
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, d.Status)
	require.Contains(t, d.OutputFiles, "outputs/r.txt")
}

// TestPollerAzureRun drives a run on the emulated AmlCompute (real
// Azurite) through its poller, resuming it once from a token: the polls
// read the job's status from the service until it completes.
func TestPollerAzureRun(t *testing.T) {
	e := newAzureEnv(t)
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "main.py"), "import time\ntime.sleep(0.5)\nprint('polled')\n")
	run, err := e.exp.Submit(t.Context(), pyConfig(src, "main.py", "cpu-cluster"), nil)
	require.NoError(t, err)
	opts := &experiment.PollerOptions{MinInterval: 20 * time.Millisecond, MaxInterval: 200 * time.Millisecond}
	p, err := run.Poller(opts)
	require.NoError(t, err)
	pollOnce(t, p)
	require.False(t, p.Done(), "the job has only just been submitted")
	token, err := p.ResumeToken()
	require.NoError(t, err)

	resumed, err := experiment.ResumePoller(t.Context(), e.ws, token, nil)
	require.NoError(t, err)
	d, err := pollUntilDone(t, resumed, 60*time.Second)
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, d.Status)
	require.Equal(t, run.ID(), d.RunID)
}
