package computetest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/runconfig"
)

func newJob(t *testing.T, id string) *compute.Job {
	rc := runconfig.New()
	rc.Script = "train.py"
	return &compute.Job{RunID: id, Experiment: "exp", Config: rc, Script: "train.py",
		Arguments: []string{"--lr", "0.1"}, Env: map[string]string{"A": "1"}, RunDir: t.TempDir()}
}

func TestStatusSequences(t *testing.T) {
	tests := []struct {
		name     string
		behavior *computetest.Behavior
		want     []compute.JobState
		exit     *int
		errText  string
	}{
		{"succeeds", computetest.Succeeds(),
			[]compute.JobState{compute.JobPreparing, compute.JobRunning, compute.JobCompleted, compute.JobCompleted}, ptr(0), ""},
		{"fails", computetest.Fails(errors.New("boom")),
			[]compute.JobState{compute.JobPreparing, compute.JobRunning, compute.JobFailed}, ptr(1), "boom"},
		{"states", computetest.States(compute.JobQueued, compute.JobCanceled).WithError("preempted"),
			[]compute.JobState{compute.JobQueued, compute.JobCanceled}, nil, "preempted"},
		{"logs hold the end back", computetest.States(compute.JobCompleted).WithLogs("a", "b", "c"),
			[]compute.JobState{compute.JobRunning, compute.JobRunning, compute.JobCompleted}, ptr(0), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := computetest.NewTarget("mock", tt.behavior)
			job := newJob(t, "run_1")
			require.NoError(t, target.Start(t.Context(), job))
			var st *compute.JobStatus
			for i, want := range tt.want {
				var err error
				st, err = target.Status(t.Context(), job)
				require.NoError(t, err)
				require.Equal(t, want, st.State, "step %d", i)
			}
			require.Equal(t, tt.exit, st.ExitCode)
			require.Equal(t, tt.errText, st.Error)
			require.False(t, st.EndTime.IsZero())
		})
	}
}

func TestFollowWritesWholeLogAndResumes(t *testing.T) {
	target := computetest.NewTarget("mock", computetest.Succeeds("epoch 1", "epoch 2", "done"))
	job := newJob(t, "run_1")
	require.NoError(t, target.Start(t.Context(), job))

	st, err := target.Status(t.Context(), job) // one step: the first line is out
	require.NoError(t, err)
	require.Equal(t, compute.JobPreparing, st.State)
	var first bytes.Buffer
	next, _, err := target.Follow(t.Context(), job, 0, &first)
	require.NoError(t, err)
	require.Equal(t, "epoch 1\nepoch 2\ndone\n", first.String())
	require.Equal(t, int64(first.Len()), next)

	var rest bytes.Buffer
	next2, st, err := target.Follow(t.Context(), job, 8, &rest)
	require.NoError(t, err)
	require.Equal(t, "epoch 2\ndone\n", rest.String())
	require.Equal(t, next, next2)
	require.Equal(t, compute.JobCompleted, st.State)
}

func TestFollowStopsWithContext(t *testing.T) {
	target := computetest.NewTarget("mock", computetest.States(compute.JobRunning).WithLogs("tick"))
	job := newJob(t, "run_1")
	require.NoError(t, target.Start(t.Context(), job))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, _, err := target.Follow(ctx, job, 0, &bytes.Buffer{})
	require.ErrorIs(t, err, context.Canceled)
}

func TestCancel(t *testing.T) {
	target := computetest.NewTarget("mock", computetest.Succeeds("x"))
	job := newJob(t, "run_1")
	require.NoError(t, target.Start(t.Context(), job))
	require.NoError(t, target.Cancel(t.Context(), job))
	st, err := target.Status(t.Context(), job)
	require.NoError(t, err)
	require.Equal(t, compute.JobCanceled, st.State)
	require.Nil(t, st.ExitCode)
	require.Equal(t, []string{"run_1"}, target.Canceled())
}

func TestCollectOutputs(t *testing.T) {
	target := computetest.NewTarget("mock", computetest.Succeeds().
		WithOutput("outputs/model.txt", "weights").WithOutput("logs/extra.log", "hi"))
	job := newJob(t, "run_1")
	require.NoError(t, target.Start(t.Context(), job))
	require.ErrorContains(t, target.CollectOutputs(t.Context(), job), "has not ended")
	_, _, err := target.Follow(t.Context(), job, 0, &bytes.Buffer{})
	require.NoError(t, err)
	require.NoError(t, target.CollectOutputs(t.Context(), job))
	data, err := os.ReadFile(filepath.Join(job.RunDir, "outputs", "model.txt"))
	require.NoError(t, err)
	require.Equal(t, "weights", string(data))
	require.FileExists(t, filepath.Join(job.RunDir, "logs", "extra.log"))

	bad := computetest.NewTarget("mock", computetest.States(compute.JobCompleted).WithOutput("../escape", "x"))
	job2 := newJob(t, "run_2")
	require.NoError(t, bad.Start(t.Context(), job2))
	require.ErrorContains(t, bad.CollectOutputs(t.Context(), job2), "leaves the run folder")
}

func TestSubmittedIsADeepCopy(t *testing.T) {
	target := computetest.NewTarget("mock", computetest.Succeeds())
	job := newJob(t, "run_1")
	require.NoError(t, target.Start(t.Context(), job))
	job.Arguments[0] = "changed"
	job.Env["A"] = "changed"
	job.Config.Script = "changed.py"

	subs := target.Submitted()
	require.Len(t, subs, 1)
	require.Equal(t, []string{"--lr", "0.1"}, subs[0].Job.Arguments)
	require.Equal(t, "1", subs[0].Job.Env["A"])
	require.Equal(t, "train.py", subs[0].Job.Config.Script)
}

func TestFailures(t *testing.T) {
	startErr := errors.New("quota exceeded")
	target := computetest.NewTarget("mock", computetest.FailsToStart(startErr))
	job := newJob(t, "run_1")
	require.ErrorIs(t, target.Start(t.Context(), job), startErr)
	require.Len(t, target.Submitted(), 1)
	_, err := target.Status(t.Context(), job)
	require.ErrorContains(t, err, "never started")

	ok := computetest.NewTarget("mock", computetest.Succeeds())
	require.NoError(t, ok.Start(t.Context(), job))
	require.ErrorContains(t, ok.Start(t.Context(), job), "already started")
	require.Error(t, ok.Start(t.Context(), nil))
}

func TestNilBehaviorIsNotScripted(t *testing.T) {
	target := computetest.NewTarget("mock", nil)
	job := newJob(t, "run_1")
	require.ErrorIs(t, target.Start(t.Context(), job), computetest.ErrNotScripted)
	_, err := target.Status(t.Context(), job)
	require.ErrorIs(t, err, computetest.ErrNotScripted)
	require.ErrorIs(t, target.Cancel(t.Context(), job), computetest.ErrNotScripted)
}

func TestKind(t *testing.T) {
	target := computetest.NewTarget("gpu", computetest.Succeeds()).WithKind(compute.KindAmlCompute)
	require.Equal(t, compute.KindAmlCompute, target.Kind())
	require.NoError(t, compute.Require(target, compute.CapabilityHyperparameterTuning))
	require.Error(t, compute.Require(computetest.NewTarget("local", nil), compute.CapabilityPipelines))
}

func ptr(i int) *int { return &i }
