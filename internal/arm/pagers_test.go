package arm_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

func TestListComputePagerFollowsNextLink(t *testing.T) {
	c, s, ws := newEmulator(t, &workspacetest.Options{PageSize: 2, ProvisioningDelay: time.Second}, nil)
	names := []string{"adla-one", "adla-two", "adla-three", "adla-four", "adla-five"}
	for _, n := range names {
		p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, n, dataLake(n), nil)
		require.NoError(t, err)
		_, err = p.PollUntilDone(t.Context(), &pollFast)
		require.NoError(t, err)
	}
	before := len(s.Requests())
	pager := c.NewListComputePager(ws)
	require.Len(t, s.Requests(), before, "a pager sends nothing until NextPage")
	var got []string
	var links []string
	for pager.More() {
		page, err := pager.NextPage(t.Context())
		require.NoError(t, err)
		for _, r := range page.Value {
			got = append(got, r.Name)
			_, ok := r.Properties.Properties.(*arm.DataLakeAnalyticsProperties)
			require.True(t, ok, "typed from computeType")
		}
		if page.NextLink != "" {
			links = append(links, page.NextLink)
		}
	}
	require.ElementsMatch(t, names, got)
	reqs := s.Requests()[before:]
	require.Len(t, reqs, 3, "5 items, 2 per page")
	for i, link := range links {
		u, err := url.Parse(link)
		require.NoError(t, err)
		require.Equal(t, http.MethodGet, reqs[i+1].Method)
		require.Equal(t, u.Path, reqs[i+1].Path, "nextLink followed verbatim")
		require.Equal(t, u.Query(), url.Values(reqs[i+1].Query))
	}
}

func TestListNodesAndKeys(t *testing.T) {
	c, s, ws := newEmulator(t, &workspacetest.Options{ProvisioningDelay: time.Second, NodeStartDelay: time.Millisecond, PageSize: 2}, nil)
	p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "gpu-cluster", amlCluster(4), nil)
	require.NoError(t, err)
	_, err = p.PollUntilDone(t.Context(), &pollFast)
	require.NoError(t, err)
	require.NoError(t, s.SetClusterDemand("gpu-cluster", 3))

	require.Eventually(t, func() bool {
		r, err := c.GetCompute(t.Context(), ws, "gpu-cluster")
		return err == nil && r.Properties.Properties.(*arm.AmlComputeProperties).CurrentNodeCount == 3
	}, 5*time.Second, 50*time.Millisecond)

	var nodes []arm.AmlComputeNodeInformation
	pages := 0
	for pager := c.NewListNodesPager(ws, "gpu-cluster"); pager.More(); pages++ {
		page, err := pager.NextPage(t.Context())
		require.NoError(t, err)
		nodes = append(nodes, page.Nodes...)
	}
	require.Len(t, nodes, 3)
	require.Equal(t, 2, pages)
	for _, n := range nodes {
		require.NotEmpty(t, n.NodeID)
		require.NotEmpty(t, n.NodeState)
	}

	vm := vmAttach("vm1", arm.VirtualMachineSSHCredentials{Username: "azureuser", PrivateKeyData: "KEY-DATA"})
	pv, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "vm1", vm, nil)
	require.NoError(t, err)
	_, err = pv.PollUntilDone(t.Context(), &pollFast)
	require.NoError(t, err)
	got, err := c.GetCompute(t.Context(), ws, "vm1")
	require.NoError(t, err)
	require.Empty(t, got.Properties.Properties.(*arm.VirtualMachineProperties).AdministratorAccount.PrivateKeyData.Reveal(), "GET never returns secrets")
	keys, err := c.ListComputeKeys(t.Context(), ws, "vm1")
	require.NoError(t, err)
	require.Equal(t, arm.ComputeTypeVirtualMachine, keys.ComputeType)
	require.Equal(t, "KEY-DATA", keys.AdministratorAccount.PrivateKeyData.Reveal())

	_, err = c.ListComputeKeys(t.Context(), ws, "missing")
	require.True(t, arm.IsNotFound(err))
}
