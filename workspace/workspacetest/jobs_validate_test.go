package workspacetest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

func TestJobPutIsValidatedStrictly(t *testing.T) {
	e := newEnv(t, &workspacetest.Options{Storage: &workspacetest.BlobStorage{
		ServiceURL: "http://127.0.0.1:1/devstoreaccount1/", AccountName: azuritetest.AccountName, AccountKey: azuritetest.AccountKey}})
	e.create("cpu-cluster", amlBody(0, 2, "PT120S"))
	e.create("my-vm", vmBody("00000000-0000-0000-0000-000000000000"))
	envID := e.environment("env", "1")
	cluster := e.compute("cpu-cluster")
	set := func(field string, v any) map[string]any {
		b := commandJob("python3 train.py", "", envID, cluster)
		b["properties"].(map[string]any)[field] = v
		return b
	}
	tests := []struct {
		name   string
		body   any
		target string
	}{
		{"missing compute", commandJob("python3 train.py", "", envID, e.compute("nope")), "properties.computeId"},
		{"compute of another workspace", commandJob("x", "", envID, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/other/computes/cpu-cluster"), "properties.computeId"},
		{"no compute (serverless)", set("computeId", ""), "properties.computeId"},
		{"missing environment", commandJob("x", "", e.s.WorkspaceID()+"/environments/env/versions/9", cluster), "properties.environmentId"},
		{"missing code", commandJob("x", e.s.WorkspaceID()+"/codes/c/versions/1", envID, cluster), "properties.codeId"},
		{"empty command", set("command", "  "), "properties.command"},
		{"unknown input in command", set("command", "echo ${{inputs.lr}}"), "properties.command"},
		{"sweep job", set("jobType", "Sweep"), "properties.jobType"},
		{"bad timeout", set("limits", map[string]any{"jobLimitsType": "Command", "timeout": "2 hours"}), "properties.limits.timeout"},
		{"bad limits type", set("limits", map[string]any{"jobLimitsType": "Sweep", "timeout": "PT1H"}), "properties.limits.jobLimitsType"},
		{"more instances than nodes", set("resources", map[string]any{"instanceCount": 3}), "properties.resources.instanceCount"},
		{"zero instances", set("resources", map[string]any{"instanceCount": 0}), "properties.resources.instanceCount"},
		{"bad distribution", set("distribution", map[string]any{"distributionType": "Horovod"}), "properties.distribution.distributionType"},
		{"zero processes", set("distribution", map[string]any{"distributionType": "PyTorch", "processCountPerInstance": 0}), "properties.distribution.processCountPerInstance"},
		{"two instances on a VM", commandJob("x", "", envID, e.compute("my-vm")), ""},
		{"wrong JSON type", set("environmentVariables", []int{1}), "properties.environmentVariables"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if tc.target == "" { // a VM runs one instance
				b := body.(map[string]any)
				b["properties"].(map[string]any)["resources"] = map[string]any{"instanceCount": 2}
				tc.target = "properties.resources.instanceCount"
			}
			r := e.do(http.MethodPut, e.job("j1"), body)
			require.Equal(t, http.StatusBadRequest, r.status, "%s", r.raw)
			require.Equal(t, "ValidationError", r.errorCode())
			require.Equal(t, tc.target, r.errorTarget(), "%s", r.raw)
		})
	}
	require.Equal(t, http.StatusNotFound, e.do(http.MethodGet, e.job("j1"), nil).status, "nothing was created")
	require.Equal(t, http.StatusNoContent, e.do(http.MethodDelete, e.job("j1"), nil).status)
}

func TestRunHistoryNeedsAuthAndKnowsRuns(t *testing.T) {
	e := newEnv(t, &workspacetest.Options{Storage: &workspacetest.BlobStorage{
		ServiceURL: "http://127.0.0.1:1/devstoreaccount1/", AccountName: azuritetest.AccountName, AccountKey: azuritetest.AccountKey}})
	path := e.s.URL() + "/history/v1.0" + e.s.WorkspaceID() + "/runs/none/details"
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, path, nil)
	require.NoError(t, err)
	resp, err := e.s.Client().Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	r := e.details("none")
	require.Equal(t, http.StatusNotFound, r.status)
	require.Equal(t, "UserError", r.errorCode())
}
