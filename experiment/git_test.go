package experiment_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/testenv"
)

func TestSubmitRecordsGitProperties(t *testing.T) {
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
