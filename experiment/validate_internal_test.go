package experiment

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// TestValidateSharesTheLocalTarget checks that an experiment's submissions
// to "local" share one *compute.Local (so its host probe runs once), and
// that a given target or another name is not replaced by it.
func TestValidateSharesTheLocalTarget(t *testing.T) {
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: filepath.Join(t.TempDir(), "ws")})
	require.NoError(t, err)
	src := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(src, "train.py"), []byte("pass\n"), 0o644))
	e, err := New(ws, "shared")
	require.NoError(t, err)
	cfg := func(target string) *runconfig.ScriptRunConfig {
		return &runconfig.ScriptRunConfig{SourceDirectory: src, Script: "train.py", Target: target}
	}
	first, err := validate(t.Context(), ws, cfg(compute.LocalName), nil, e.local)
	require.NoError(t, err)
	require.IsType(t, &compute.Local{}, first.runner)
	second, err := validate(t.Context(), ws, cfg(compute.LocalName), nil, e.local)
	require.NoError(t, err)
	require.Same(t, first.runner, second.runner)

	mock := computetest.NewTarget(compute.LocalName, nil)
	given, err := validate(t.Context(), ws, cfg(compute.LocalName), mock, e.local)
	require.NoError(t, err)
	require.Same(t, compute.Runner(mock), given.runner)

	_, err = validate(t.Context(), ws, cfg("gpu-cluster"), nil, e.local)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "target", ve.Field)
}
