package experiment_test

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
)

var runIDRE = regexp.MustCompile(`^train_\d{10}_[0-9a-f]{8}$`)

func TestSubmitRecordsWhatWasSubmitted(t *testing.T) {
	exp := newExperiment(t)
	b := computetest.Succeeds("epoch 1", "epoch 2").WithOutput("outputs/model.txt", "w=1")
	target := computetest.NewTarget("mock", b)
	src := scriptConfig(newSource(t))
	src.Arguments = []string{"--lr", "0.1"}
	run, err := exp.Submit(t.Context(), src, &experiment.SubmitOptions{
		Target: target, Tags: map[string]string{"team": "vision"}, Properties: map[string]string{"p": "v"}})
	require.NoError(t, err)
	require.Regexp(t, runIDRE, run.ID())

	subs := target.Submitted()
	require.Len(t, subs, 1)
	job := subs[0].Job
	require.Equal(t, run.ID(), job.RunID)
	require.Equal(t, "train", job.Experiment)
	require.Equal(t, "train.py", job.Script)
	require.Equal(t, []string{"--lr", "0.1"}, job.Arguments)
	require.Equal(t, run.Dir(), job.RunDir)
	require.Equal(t, run.ID(), job.Env[experiment.EnvRunID])
	require.Equal(t, "train", job.Env[experiment.EnvExperimentName])
	require.Contains(t, job.Env[experiment.EnvMetricsFile], "metrics.jsonl")
	require.Contains(t, job.Env[experiment.EnvOutputsDir], "outputs")
	_, ok := job.Snapshot.Lookup("data/points.csv")
	require.True(t, ok, "the snapshot holds the source folder")

	var out bytes.Buffer
	d, err := run.WaitForCompletion(t.Context(), &experiment.WaitOptions{Output: &out})
	require.NoError(t, err)
	require.Equal(t, experiment.StatusCompleted, d.Status)
	require.Equal(t, "mock", d.Target)
	require.Equal(t, job.Snapshot.ID(), d.SnapshotID)
	require.Equal(t, d.SnapshotID, d.Properties["ContentSnapshotId"])
	require.Equal(t, "v", d.Properties["p"])
	require.Equal(t, map[string]string{"team": "vision"}, d.Tags)
	require.Equal(t, []string{"outputs/model.txt"}, d.OutputFiles)
	require.False(t, d.EndTime.IsZero())
	require.False(t, d.EndTime.Before(d.Submitted))
	text := out.String()
	require.True(t, strings.HasPrefix(text, "RunId: "+run.ID()+"\n"), text)
	require.Contains(t, text, "epoch 1\nepoch 2\n")
	require.Contains(t, text, "\nExecution Summary\n=================\nRunId: "+run.ID()+"\n")
}

func TestWaitFailedRunGivesLogTail(t *testing.T) {
	exp := newExperiment(t)
	var lines []string
	for i := range 30 {
		lines = append(lines, fmt.Sprintf("line %d", i))
	}
	run, target := submitMock(t, exp, computetest.Fails(errors.New("exit status 1"), lines...))
	d, err := run.WaitForCompletion(t.Context(), nil)
	var rfe *experiment.RunFailedError
	require.True(t, errors.As(err, &rfe), "error %v", err)
	require.Equal(t, run.ID(), rfe.RunID)
	require.Len(t, rfe.LogTail, experiment.LogTailLines)
	require.Equal(t, "line 10", rfe.LogTail[0])
	require.Equal(t, "line 29", rfe.LogTail[19])
	require.Contains(t, err.Error(), "exit status 1")
	require.Equal(t, experiment.StatusFailed, d.Status)

	again := reattach(t, exp, run.ID(), target)
	d, err = again.WaitForCompletion(t.Context(), &experiment.WaitOptions{NoRaiseOnError: true})
	require.NoError(t, err)
	require.Equal(t, experiment.StatusFailed, d.Status)
	require.Contains(t, d.Error, "exit status 1")
}
