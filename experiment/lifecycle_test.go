package experiment_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
)

func TestStartFailureIsRecordedFailed(t *testing.T) {
	exp := newExperiment(t)
	target := computetest.NewTarget("mock", computetest.FailsToStart(errors.New("no python3 here")))
	_, err := exp.Submit(t.Context(), scriptConfig(newSource(t)), &experiment.SubmitOptions{Target: target})
	var se *experiment.StartError
	require.True(t, errors.As(err, &se), "error %v", err)
	require.Contains(t, err.Error(), "no python3 here")
	require.Regexp(t, runIDRE, se.RunID)

	runs, err := exp.ListRuns(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, runs, 1)
	require.Equal(t, experiment.StatusFailed, runs[0].Status)
	run := reattach(t, exp, se.RunID, target)
	d, err := run.Details(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusFailed, d.Status)
	require.Contains(t, d.Error, "no python3 here")
	_, err = run.WaitForCompletion(t.Context(), nil)
	require.ErrorAs(t, err, new(*experiment.RunFailedError))
}

func TestStatusesAdvanceAndAnotherProcessRecordsTheEnd(t *testing.T) {
	exp := newExperiment(t)
	run, target := submitMock(t, exp, computetest.States(compute.JobQueued, compute.JobPreparing,
		compute.JobRunning, compute.JobRunning, compute.JobCompleted).WithOutput("outputs/m.bin", "x"))
	// The submitter goes away; a re-attached Run sees every status.
	other := reattach(t, exp, run.ID(), target)
	var seen []experiment.Status
	for range 10 {
		s, err := other.Status(t.Context())
		require.NoError(t, err)
		if len(seen) == 0 || seen[len(seen)-1] != s {
			seen = append(seen, s)
		}
		if s.Terminal() {
			break
		}
	}
	require.Equal(t, []experiment.Status{experiment.StatusQueued, experiment.StatusPreparing,
		experiment.StatusRunning, experiment.StatusCompleted}, seen)
	d, err := run.Details(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, d.Status)
	require.Equal(t, []string{"outputs/m.bin"}, d.OutputFiles)
	require.NotNil(t, d.ExitCode)
	require.Equal(t, 0, *d.ExitCode)
}

func TestCancelRecordsCanceled(t *testing.T) {
	exp := newExperiment(t)
	run, target := submitMock(t, exp, computetest.States(compute.JobRunning))
	require.NoError(t, run.Cancel(t.Context()))
	require.Equal(t, []string{run.ID()}, target.Canceled())
	s, err := run.Status(t.Context())
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCanceled, s)
	require.NoError(t, run.Cancel(t.Context()), "canceling an ended run is a no-op")
	require.Len(t, target.Canceled(), 1)
}

func TestWaitInterruptedLeavesRunGoing(t *testing.T) {
	exp := newExperiment(t)
	run, _ := submitMock(t, exp, computetest.States(compute.JobRunning).WithStepDelay(10*time.Millisecond))
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err := run.WaitForCompletion(ctx, nil)
	var wie *experiment.WaitInterruptedError
	require.True(t, errors.As(err, &wie), "error %v", err)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Contains(t, err.Error(), `experiment.GetRun(ctx, ws, "`+run.ID()+`", nil)`)
	require.Contains(t, err.Error(), "still executing")
	s, err := run.Status(t.Context())
	require.NoError(t, err)
	require.False(t, s.Terminal())
}

func TestMetricsFromTheMetricsFile(t *testing.T) {
	exp := newExperiment(t)
	lines := `{"name":"accuracy","value":0.5,"step":1}` + "\n" + `{"name":"accuracy","value":0.9,"step":2}` + "\n"
	run, _ := submitMock(t, exp, computetest.Succeeds().WithOutput(experiment.CollectedMetricsFile, lines))
	m, err := run.Metrics(t.Context())
	require.NoError(t, err)
	require.Empty(t, m, "nothing reported yet")
	_, err = run.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err)
	m, err = run.Metrics(t.Context())
	require.NoError(t, err)
	require.Equal(t, []experiment.MetricValue{{Value: 0.5, Step: 1}, {Value: 0.9, Step: 2}}, m["accuracy"])
}

func TestListRunsNewestFirstWithFilters(t *testing.T) {
	exp := newExperiment(t)
	target := computetest.NewTarget("mock", computetest.Succeeds())
	var ids []string
	for range 4 {
		run, err := exp.Submit(t.Context(), scriptConfig(newSource(t)), &experiment.SubmitOptions{Target: target})
		require.NoError(t, err)
		ids = append(ids, run.ID())
	}
	first := reattach(t, exp, ids[0], target)
	_, err := first.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err)

	all, err := exp.ListRuns(t.Context(), nil)
	require.NoError(t, err)
	require.Equal(t, []string{ids[3], ids[2], ids[1], ids[0]}, runIDs(all))
	done, err := exp.ListRuns(t.Context(), &experiment.ListOptions{Statuses: []experiment.Status{experiment.StatusCompleted}})
	require.NoError(t, err)
	require.Equal(t, []string{ids[0]}, runIDs(done))
	two, err := exp.ListRuns(t.Context(), &experiment.ListOptions{Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []string{ids[3], ids[2]}, runIDs(two))
	other, err := experiment.New(exp.Workspace(), "other")
	require.NoError(t, err)
	none, err := other.ListRuns(t.Context(), nil)
	require.NoError(t, err)
	require.Empty(t, none)
}

func runIDs(runs []experiment.RunInfo) []string {
	var out []string
	for _, r := range runs {
		out = append(out, r.ID)
	}
	return out
}

func TestGetRunErrors(t *testing.T) {
	exp := newExperiment(t)
	_, err := experiment.GetRun(t.Context(), exp.Workspace(), "train_1700000000_deadbeef", nil)
	require.ErrorIs(t, err, experiment.ErrRunNotFound)
	_, err = experiment.GetRun(t.Context(), exp.Workspace(), "not an id", nil)
	require.ErrorAs(t, err, new(*experiment.ValidationError))
	require.True(t, strings.Contains(err.Error(), "run id"))
}
