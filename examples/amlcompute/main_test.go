package main

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/internal/testenv"
)

func TestRunWithEmulator(t *testing.T) {
	if _, err := azuritetest.Find(); err != nil {
		var nf *azuritetest.NotFoundError
		if errors.As(err, &nf) {
			testenv.Missing(t, "azurite-blob", nf.Error())
		}
		require.NoError(t, err)
	}
	t.Setenv(experiment.AzureCacheEnv, t.TempDir())
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-emulator", "-name", "gpu-cluster", "-max-nodes", "2", "-delete"}, &out), out.String())
	s := out.String()
	require.Contains(t, s, "workspace emulated-ws in eastus\n")
	require.Contains(t, s, "creating cluster gpu-cluster (STANDARD_D2_V2, 0 to 2 nodes)\nCreating")
	require.Contains(t, s, "Succeeded\nAmlCompute wait for completion finished\n")
	require.Contains(t, s, "cluster gpu-cluster: Succeeded, allocation Steady, current nodes 0, target nodes 0")
	require.Contains(t, s, "submitted run amlcompute-example_")
	require.Contains(t, s, "Web View: https://")
	require.Contains(t, s, "epoch", "the training log is streamed")
	require.Regexp(t, `run amlcompute-example_\S+ Completed; outputs \[outputs/model.json\]`, s)
	require.Contains(t, s, "Deleting")

	err := run(t.Context(), []string{"-emulator", "-name", "bad_name", "-source", "-"}, &out)
	require.ErrorContains(t, err, `compute: name "bad_name" is invalid`)
}
