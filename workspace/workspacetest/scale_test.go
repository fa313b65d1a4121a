package workspacetest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// clusterState is what a test checks of an AmlCompute's read-only state.
type clusterState struct {
	alloc                                   string
	current, target, running, idle, prepare int
}

func (e *env) cluster(name string) clusterState {
	e.t.Helper()
	p := e.do(http.MethodGet, e.compute(name), nil).props(true)
	counts := p["nodeStateCounts"].(map[string]any)
	n := func(m map[string]any, k string) int { return int(m[k].(float64)) }
	return clusterState{alloc: p["allocationState"].(string), current: n(p, "currentNodeCount"), target: n(p, "targetNodeCount"),
		running: n(counts, "runningNodeCount"), idle: n(counts, "idleNodeCount"), prepare: n(counts, "preparingNodeCount")}
}

// nodes lists every node of a cluster, following nextLink.
func (e *env) nodes(name string) []map[string]any {
	e.t.Helper()
	var out []map[string]any
	r := e.do(http.MethodPost, e.compute(name)+"/listNodes", nil)
	for {
		require.Equal(e.t, http.StatusOK, r.status, "%s", r.raw)
		for _, n := range r.body["nodes"].([]any) {
			out = append(out, n.(map[string]any))
		}
		next, _ := r.body["nextLink"].(string)
		if next == "" {
			return out
		}
		r = e.do(http.MethodPost, next, nil)
	}
}

func TestClusterScalesWithDemand(t *testing.T) {
	e := newEnv(t, &workspacetest.Options{PageSize: 2})
	e.create("cpu-cluster", amlBody(0, 4, "PT120S"))
	require.Equal(t, clusterState{alloc: "Steady"}, e.cluster("cpu-cluster"))
	require.Empty(t, e.nodes("cpu-cluster"))

	require.NoError(t, e.s.SetClusterDemand("cpu-cluster", 3))
	require.Equal(t, clusterState{alloc: "Resizing", current: 3, target: 3, prepare: 3}, e.cluster("cpu-cluster"))
	e.clock.Advance(time.Second)
	require.Equal(t, clusterState{alloc: "Steady", current: 3, target: 3, running: 3}, e.cluster("cpu-cluster"))

	require.NoError(t, e.s.SetClusterDemand("cpu-cluster", 10))
	require.Equal(t, clusterState{alloc: "Resizing", current: 4, target: 4, running: 3, prepare: 1}, e.cluster("cpu-cluster"),
		"never above maxNodeCount")
	e.clock.Advance(time.Second)
	nodes := e.nodes("cpu-cluster")
	require.Len(t, nodes, 4, "listNodes pages are followed")
	for _, n := range nodes {
		require.Equal(t, "running", n["nodeState"])
		require.Regexp(t, `^tvmps_[0-9a-f]{16}_d$`, n["nodeId"])
		require.NotEmpty(t, n["privateIpAddress"])
		require.NotEmpty(t, n["publicIpAddress"])
		require.Positive(t, n["port"])
	}

	require.NoError(t, e.s.SetClusterDemand("cpu-cluster", 1))
	require.Equal(t, clusterState{alloc: "Steady", current: 4, target: 4, running: 1, idle: 3}, e.cluster("cpu-cluster"))
	e.clock.Advance(119 * time.Second)
	require.Equal(t, 4, e.cluster("cpu-cluster").current, "idle nodes stay for nodeIdleTimeBeforeScaleDown")
	e.clock.Advance(time.Second)
	require.Equal(t, clusterState{alloc: "Steady", current: 1, target: 1, running: 1}, e.cluster("cpu-cluster"))

	require.NoError(t, e.s.SetClusterDemand("cpu-cluster", 0))
	e.clock.Advance(120 * time.Second)
	require.Equal(t, clusterState{alloc: "Steady"}, e.cluster("cpu-cluster"))
}

func TestClusterKeepsMinNodes(t *testing.T) {
	e := newEnv(t, &workspacetest.Options{IdleTimeScale: 0.01, NodeStartDelay: 5 * time.Second})
	r := e.do(http.MethodPut, e.compute("warm"), amlBody(2, 3, "PT100S"))
	require.Equal(t, http.StatusCreated, r.status)
	e.clock.Advance(2 * time.Second) // provisioning ends; min nodes start preparing
	require.Equal(t, clusterState{alloc: "Resizing", current: 2, target: 2, prepare: 2}, e.cluster("warm"))
	e.clock.Advance(5 * time.Second)
	require.Equal(t, clusterState{alloc: "Steady", current: 2, target: 2, idle: 2}, e.cluster("warm"))

	require.NoError(t, e.s.SetClusterDemand("warm", 3))
	e.clock.Advance(5 * time.Second)
	require.Equal(t, clusterState{alloc: "Steady", current: 3, target: 3, running: 3}, e.cluster("warm"))
	require.NoError(t, e.s.SetClusterDemand("warm", 0))
	e.clock.Advance(time.Second) // PT100S scaled by 0.01
	require.Equal(t, clusterState{alloc: "Steady", current: 2, target: 2, idle: 2}, e.cluster("warm"), "never below minNodeCount")

	// Lowering the bounds with PATCH releases idle nodes after the idle time.
	patch := map[string]any{"properties": map[string]any{"properties": map[string]any{
		"scaleSettings": map[string]any{"maxNodeCount": 3, "minNodeCount": 0}}}}
	require.Equal(t, http.StatusOK, e.do(http.MethodPatch, e.compute("warm"), patch).status)
	e.clock.Advance(3 * time.Second)
	require.Equal(t, clusterState{alloc: "Steady"}, e.cluster("warm"))
}

func TestSetClusterDemandErrors(t *testing.T) {
	e := newEnv(t, nil)
	e.create("my-vm", vmBody("00000000-0000-0000-0000-000000000000"))
	require.ErrorContains(t, e.s.SetClusterDemand("nothere", 1), `workspacetest: cluster demand for "nothere": no AmlCompute`)
	require.ErrorContains(t, e.s.SetClusterDemand("my-vm", 1), "no AmlCompute")
	require.ErrorContains(t, e.s.SetClusterDemand("my-vm", -1), "must be >= 0")
	r := e.do(http.MethodPost, e.compute("my-vm")+"/listNodes", nil)
	require.Equal(t, http.StatusBadRequest, r.status)
}

func TestClusterScalesInRealTime(t *testing.T) {
	s := workspacetest.NewServer(&workspacetest.Options{ProvisioningDelay: 50 * time.Millisecond,
		NodeStartDelay: 50 * time.Millisecond, IdleTimeScale: 0.001})
	t.Cleanup(s.Close)
	tok, err := s.Credential().GetToken(t.Context(), policyOptions())
	require.NoError(t, err)
	e := &env{t: t, s: s, token: tok.Token}
	require.Equal(t, http.StatusCreated, e.do(http.MethodPut, e.compute("rtc"), amlBody(0, 2, "PT60S")).status)
	require.NoError(t, s.SetClusterDemand("rtc", 2), "demand can arrive while the cluster is created")
	require.Eventually(t, func() bool { return e.cluster("rtc").running == 2 }, 2*time.Second, 20*time.Millisecond)
	require.NoError(t, s.SetClusterDemand("rtc", 0))
	require.Eventually(t, func() bool { return e.cluster("rtc").current == 0 }, 2*time.Second, 20*time.Millisecond)
}
