package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunWithEmulator(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-emulator", "-name", "gpu-cluster", "-max-nodes", "2", "-delete"}, &out))
	s := out.String()
	require.Contains(t, s, "workspace emulated-ws in eastus\n")
	require.Contains(t, s, "creating cluster gpu-cluster (STANDARD_D2_V2, 0 to 2 nodes)\nCreating")
	require.Contains(t, s, "Succeeded\nAmlCompute wait for completion finished\n")
	require.Contains(t, s, "cluster gpu-cluster: Succeeded, allocation Steady, current nodes 0, target nodes 0")
	require.Contains(t, s, "Deleting")

	err := run(t.Context(), []string{"-emulator", "-name", "bad_name"}, &out)
	require.ErrorContains(t, err, `compute: name "bad_name" is invalid`)
}
