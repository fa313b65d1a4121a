package compute_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/workspace"
)

func newWorkspace(t *testing.T) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: t.TempDir()})
	require.NoError(t, err)
	return ws
}

func TestGetLocalInAnyWorkspace(t *testing.T) {
	ws := newWorkspace(t)
	for _, w := range []*workspace.Workspace{ws, nil} {
		target, err := compute.Get(t.Context(), w, "local")
		require.NoError(t, err)
		require.Equal(t, "local", target.Name())
		require.Equal(t, compute.KindLocal, target.Kind())
		require.Implements(t, (*compute.Runner)(nil), target)
	}
}

func TestGetAndListRegistrations(t *testing.T) {
	ws := newWorkspace(t)
	st, err := store.Open(t.Context(), ws.LocalDir())
	require.NoError(t, err)
	require.NoError(t, st.WriteJSON(t.Context(), "computes/gpu-vm", map[string]any{
		"name": "gpu-vm", "kind": "VirtualMachine", "properties": map[string]string{"address": "10.0.0.4"},
	}))

	target, err := compute.Get(t.Context(), ws, "gpu-vm")
	require.NoError(t, err)
	require.Equal(t, compute.KindVirtualMachine, target.Kind())
	reg, ok := target.(*compute.Registered)
	require.True(t, ok)
	require.Equal(t, "10.0.0.4", reg.Properties()["address"])

	all, err := compute.List(t.Context(), ws)
	require.NoError(t, err)
	var names []string
	for _, tg := range all {
		names = append(names, tg.Name())
	}
	require.Equal(t, []string{"local", "gpu-vm"}, names)
}

func TestGetMissing(t *testing.T) {
	_, err := compute.Get(t.Context(), newWorkspace(t), "nope")
	var nf *compute.NotFoundError
	require.ErrorAs(t, err, &nf)
	require.Equal(t, "nope", nf.Name)
	require.ErrorIs(t, err, compute.ErrNotFound)

	_, err = compute.Get(t.Context(), nil, "cpu-cluster")
	require.ErrorIs(t, err, compute.ErrNotFound)
}
