package experiment_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/testenv"
)

// gitSource returns a source folder that is a git work tree on branch dev
// with one commit and train.py changed since (dirty).
func gitSource(t *testing.T) string {
	t.Helper()
	testenv.LookPath(t, "git")
	src := newSource(t)
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
	}
	git("init", "-q", "-b", "dev")
	git("remote", "add", "origin", "https://example.com/ml/train.git")
	git("add", ".")
	git("commit", "-q", "-m", "first")
	writeFile(t, filepath.Join(src, "train.py"), "print('changed')\n")
	return src
}

func TestSubmitRecordsGitProperties(t *testing.T) {
	src := gitSource(t)
	exp := newExperiment(t)
	target := computetest.NewTarget("mock", computetest.Succeeds())
	noEnv := func(string) string { return "" }
	run, err := exp.Submit(t.Context(), scriptConfig(src), &experiment.SubmitOptions{
		Target: target, Git: &experiment.GitOptions{Getenv: noEnv}})
	require.NoError(t, err)
	d, err := run.Details(t.Context())
	require.NoError(t, err)
	p := d.Properties
	require.Equal(t, "https://example.com/ml/train.git", p["azureml.git.repository_uri"])
	require.Equal(t, p["azureml.git.repository_uri"], p["mlflow.source.git.repoURL"])
	require.Equal(t, "dev", p["azureml.git.branch"])
	require.Equal(t, "dev", p["mlflow.source.git.branch"])
	require.Len(t, p["azureml.git.commit"], 40)
	require.Equal(t, p["azureml.git.commit"], p["mlflow.source.git.commit"])
	require.Equal(t, "True", p["azureml.git.dirty"])
	require.True(t, d.HasGitDiff)
	var diff bytes.Buffer
	require.NoError(t, run.GitDiff(t.Context(), &diff))
	require.Contains(t, diff.String(), "+print('changed')")
}

func TestSubmitWithoutGitStillRuns(t *testing.T) {
	exp := newExperiment(t)
	target := computetest.NewTarget("mock", computetest.Succeeds())
	run, err := exp.Submit(t.Context(), scriptConfig(newSource(t)), &experiment.SubmitOptions{
		Target: target, Git: &experiment.GitOptions{Executable: "no-such-git", Getenv: func(string) string { return "" }}})
	require.NoError(t, err)
	d, err := run.Details(t.Context())
	require.NoError(t, err)
	require.NotContains(t, d.Properties, "azureml.git.commit")
	require.False(t, d.HasGitDiff)
	var diff bytes.Buffer
	require.NoError(t, run.GitDiff(t.Context(), &diff))
	require.Zero(t, diff.Len())
}

// TestSubmitGitPropertiesWithEveryStart checks that git's properties reach
// the record whether the target starts the run or fails to, and that the
// submitter's own properties win over git's.
func TestSubmitGitPropertiesWithEveryStart(t *testing.T) {
	src := gitSource(t)
	tests := []struct {
		name     string
		behavior *computetest.Behavior
		wantErr  bool
	}{
		{"started", computetest.Succeeds(), false},
		{"failed to start", computetest.FailsToStart(errors.New("no capacity")), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp := newExperiment(t)
			target := computetest.NewTarget("mock", tt.behavior)
			_, err := exp.Submit(t.Context(), scriptConfig(src), &experiment.SubmitOptions{
				Target: target, Git: &experiment.GitOptions{Getenv: func(string) string { return "" }},
				Properties: map[string]string{"azureml.git.branch": "mine"}})
			var se *experiment.StartError
			require.Equal(t, tt.wantErr, errors.As(err, &se), "error: %v", err)
			runs, err := exp.ListRuns(t.Context(), nil)
			require.NoError(t, err)
			require.Len(t, runs, 1)
			run, err := experiment.GetRun(t.Context(), exp.Workspace(), runs[0].ID,
				&experiment.GetRunOptions{Target: target})
			require.NoError(t, err)
			d, err := run.Details(t.Context())
			require.NoError(t, err)
			require.Equal(t, "mine", d.Properties["azureml.git.branch"], "the submitter's property wins")
			require.Equal(t, "dev", d.Properties["mlflow.source.git.branch"])
			require.Len(t, d.Properties["azureml.git.commit"], 40)
			require.True(t, d.HasGitDiff)
		})
	}
}
