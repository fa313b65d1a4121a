package experiment_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// newWorkspace returns a local workspace in a fresh folder.
func newWorkspace(t *testing.T) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: filepath.Join(t.TempDir(), "ws")})
	require.NoError(t, err)
	return ws
}

// newSource makes a source folder with train.py and a data file.
func newSource(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "train.py"), "print('training')\n")
	writeFile(t, filepath.Join(dir, "data", "points.csv"), "x,y\n1,2\n")
	return dir
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

// scriptConfig is a user-managed configuration that runs train.py in dir.
func scriptConfig(dir string) *runconfig.ScriptRunConfig {
	rc := runconfig.New()
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = "python3"
	return &runconfig.ScriptRunConfig{SourceDirectory: dir, Script: "train.py", RunConfig: rc}
}

// newExperiment returns the experiment "train" of a fresh workspace.
func newExperiment(t *testing.T) *experiment.Experiment {
	t.Helper()
	exp, err := experiment.New(newWorkspace(t), "train")
	require.NoError(t, err)
	return exp
}

// submitMock submits train.py to a mock target playing b.
func submitMock(t *testing.T, exp *experiment.Experiment, b *computetest.Behavior) (*experiment.Run, *computetest.Target) {
	t.Helper()
	target := computetest.NewTarget("mock", b)
	run, err := exp.Submit(t.Context(), scriptConfig(newSource(t)), &experiment.SubmitOptions{Target: target})
	require.NoError(t, err)
	return run, target
}

// reattach gets run id again through the store, with the same mock.
func reattach(t *testing.T, exp *experiment.Experiment, id string, target compute.Runner) *experiment.Run {
	t.Helper()
	run, err := experiment.GetRun(t.Context(), exp.Workspace(), id, &experiment.GetRunOptions{Target: target})
	require.NoError(t, err)
	return run
}
