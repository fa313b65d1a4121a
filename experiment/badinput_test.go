package experiment_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
	"github.com/azureml-go/azureml/workspace"
)

// notRunner is a target that cannot run jobs itself.
type notRunner struct{}

func (notRunner) Name() string       { return "aks" }
func (notRunner) Kind() compute.Kind { return compute.KindDatabricks }

func TestSubmitBadInputLeavesNothing(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(t *testing.T, src *runconfig.ScriptRunConfig, o *experiment.SubmitOptions) *runconfig.ScriptRunConfig
		field  string
	}{
		{"nil config", func(*testing.T, *runconfig.ScriptRunConfig, *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			return nil
		}, "config"},
		{"no source folder", func(_ *testing.T, s *runconfig.ScriptRunConfig, _ *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			s.SourceDirectory = ""
			return s
		}, "source_directory"},
		{"missing source folder", func(t *testing.T, s *runconfig.ScriptRunConfig, _ *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			s.SourceDirectory = filepath.Join(t.TempDir(), "gone")
			return s
		}, "source_directory"},
		{"source is a file", func(_ *testing.T, s *runconfig.ScriptRunConfig, _ *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			s.SourceDirectory = filepath.Join(s.SourceDirectory, "train.py")
			return s
		}, "source_directory"},
		{"no script", func(_ *testing.T, s *runconfig.ScriptRunConfig, _ *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			s.Script = ""
			return s
		}, "script"},
		{"missing script", func(_ *testing.T, s *runconfig.ScriptRunConfig, _ *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			s.Script = "nope.py"
			return s
		}, "script"},
		{"script outside", func(_ *testing.T, s *runconfig.ScriptRunConfig, _ *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			s.Script = "../train.py"
			return s
		}, "script"},
		{"script is a folder", func(_ *testing.T, s *runconfig.ScriptRunConfig, _ *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			s.Script = "data"
			return s
		}, "script"},
		{"script ignored", func(t *testing.T, s *runconfig.ScriptRunConfig, _ *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			writeFile(t, filepath.Join(s.SourceDirectory, ".amlignore"), "*.py\n")
			return s
		}, "script"},
		{"snapshot over the file limit", func(_ *testing.T, s *runconfig.ScriptRunConfig, o *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			o.Snapshot = &snapshot.Options{MaxFiles: 1, DisableStatCache: true}
			return s
		}, "source_directory"},
		{"empty tag name", func(_ *testing.T, s *runconfig.ScriptRunConfig, o *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			o.Tags = map[string]string{" ": "x"}
			return s
		}, "tags"},
		{"empty property name", func(_ *testing.T, s *runconfig.ScriptRunConfig, o *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			o.Properties = map[string]string{"": "x"}
			return s
		}, "properties"},
		{"target cannot run", func(_ *testing.T, s *runconfig.ScriptRunConfig, o *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			o.Target = notRunner{}
			return s
		}, "target"},
		{"unknown target", func(_ *testing.T, s *runconfig.ScriptRunConfig, o *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			o.Target = nil
			s.Target = "no-such-cluster"
			return s
		}, "target"},
		{"invalid run configuration", func(_ *testing.T, s *runconfig.ScriptRunConfig, _ *experiment.SubmitOptions) *runconfig.ScriptRunConfig {
			s.RunConfig.NodeCount = 0
			return s
		}, "node_count"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			exp := newExperiment(t)
			target := computetest.NewTarget("mock", computetest.Succeeds())
			opts := &experiment.SubmitOptions{Target: target}
			src := c.mutate(t, scriptConfig(newSource(t)), opts)
			run, err := exp.Submit(t.Context(), src, opts)
			require.Error(t, err)
			require.Nil(t, run)
			require.Contains(t, err.Error(), c.field)
			var ve *experiment.ValidationError
			if errors.As(err, &ve) {
				require.Equal(t, c.field, ve.Field)
			}
			require.Empty(t, target.Submitted(), "nothing reached the target")
			requireNoRuns(t, exp)
		})
	}
}

// requireNoRuns checks that the workspace holds no run, snapshot or run folder.
func requireNoRuns(t *testing.T, exp *experiment.Experiment) {
	t.Helper()
	dir := exp.Workspace().LocalDir()
	_, err := os.Stat(filepath.Join(dir, "experiments"))
	require.True(t, errors.Is(err, os.ErrNotExist), "the run index exists")
	folders, err := os.ReadDir(filepath.Join(dir, "runs"))
	require.NoError(t, err)
	require.Empty(t, folders, "no run folder")
	st, err := store.Open(t.Context(), dir)
	require.NoError(t, err)
	for _, prefix := range []string{"runs/", "snapshots/"} {
		keys, err := st.List(t.Context(), prefix)
		require.NoError(t, err)
		require.Empty(t, keys)
	}
	runs, err := exp.ListRuns(t.Context(), nil)
	require.NoError(t, err)
	require.Empty(t, runs)
}

func TestSubmitRefusesWorkspaceInsideSource(t *testing.T) {
	src := newSource(t)
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: filepath.Join(src, ".ws")})
	require.NoError(t, err)
	exp, err := experiment.New(ws, "train")
	require.NoError(t, err)
	target := computetest.NewTarget("mock", computetest.Succeeds())
	_, err = exp.Submit(t.Context(), scriptConfig(src), &experiment.SubmitOptions{Target: target})
	var ve *experiment.ValidationError
	require.True(t, errors.As(err, &ve), "error %v", err)
	require.Equal(t, "source_directory", ve.Field)
	require.Contains(t, err.Error(), "contains the workspace folder")
	requireNoRuns(t, exp)
}
