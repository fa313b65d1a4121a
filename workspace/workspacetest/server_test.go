package workspacetest_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace/workspacetest"
)

func TestAuth(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		name, header, code string
	}{
		{"missing", "", "AuthenticationFailed"},
		{"not bearer", "Basic dXNlcjpwYXNz", "AuthenticationFailed"},
		{"wrong token", "Bearer not-the-token", "InvalidAuthenticationToken"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, e.s.URL()+e.s.WorkspaceID()+"?api-version="+apiVersion, nil)
			require.NoError(t, err)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			resp, err := e.s.Client().Do(req)
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			require.NoError(t, resp.Body.Close())
			require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
			require.Contains(t, resp.Header.Get("WWW-Authenticate"), "Bearer")
			require.Contains(t, string(body), `"code":"`+tc.code+`"`)
		})
	}
	ok := e.do(http.MethodGet, e.s.WorkspaceID(), nil)
	require.Equal(t, http.StatusOK, ok.status)
	require.Regexp(t, `^[0-9a-f-]{36}$`, ok.header.Get("x-ms-request-id"))
}

func TestAPIVersion(t *testing.T) {
	e := newEnv(t, &workspacetest.Options{APIVersions: []string{"2026-07-01", "2025-12-01"}})
	for _, tc := range []struct {
		query  string
		status int
		code   string
	}{
		{"", http.StatusBadRequest, "MissingApiVersionParameter"},
		{"?api-version=2099-01-01", http.StatusBadRequest, "InvalidApiVersionParameter"},
		{"?api-version=2024-04-01", http.StatusBadRequest, "InvalidApiVersionParameter"},
		{"?api-version=2025-12-01", http.StatusOK, ""},
		{"?api-version=2026-07-01", http.StatusOK, ""},
	} {
		t.Run(tc.query, func(t *testing.T) {
			path := e.s.WorkspaceID() + tc.query
			if tc.query == "" {
				path += "?x=1"
			}
			r := e.do(http.MethodGet, path, nil)
			require.Equal(t, tc.status, r.status, "%s", r.raw)
			require.Equal(t, tc.code, r.errorCode())
		})
	}
}

func TestDefaultAPIVersionsIncludeNewestStable(t *testing.T) {
	require.Contains(t, workspacetest.DefaultAPIVersions(), "2026-07-01")
}

func TestWorkspaceGet(t *testing.T) {
	e := newEnv(t, &workspacetest.Options{SubscriptionID: "sub-1", ResourceGroup: "group", Workspace: "mlws", Location: "westeurope"})
	require.Equal(t, "/subscriptions/sub-1/resourceGroups/group/providers/Microsoft.MachineLearningServices/workspaces/mlws", e.s.WorkspaceID())
	r := e.do(http.MethodGet, e.s.WorkspaceID(), nil)
	require.Equal(t, http.StatusOK, r.status)
	require.Equal(t, e.s.WorkspaceID(), r.body["id"])
	require.Equal(t, "mlws", r.body["name"])
	require.Equal(t, "Microsoft.MachineLearningServices/workspaces", r.body["type"])
	require.Equal(t, "westeurope", r.body["location"])
	p := r.props(false)
	require.Equal(t, "Succeeded", p["provisioningState"])
	require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, p["workspaceId"])
	require.Contains(t, p["storageAccount"], "/resourceGroups/group/providers/Microsoft.Storage/storageAccounts/")
	require.Contains(t, p["keyVault"], "/providers/Microsoft.KeyVault/vaults/")
	require.True(t, strings.HasPrefix(p["mlFlowTrackingUri"].(string), "azureml://"))

	// The discovery URL points back at the emulator, without auth.
	resp, err := e.s.Client().Get(p["discoveryUrl"].(string))
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.JSONEq(t, `{"api":"`+e.s.URL()+`"}`, string(body))
}

func TestWorkspaceNotFound(t *testing.T) {
	e := newEnv(t, nil)
	const sub = "00000000-0000-0000-0000-000000000000"
	for _, tc := range []struct{ path, code string }{
		{"/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/other", "ResourceNotFound"},
		{"/subscriptions/" + sub + "/resourceGroups/other/providers/Microsoft.MachineLearningServices/workspaces/ws1", "ResourceGroupNotFound"},
		{"/subscriptions/11111111-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws1", "SubscriptionNotFound"},
		{"/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws1/computes/none", "ResourceNotFound"},
		{"/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws1/gizmos", "InvalidResourceType"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := e.do(http.MethodGet, tc.path, nil)
			require.Equal(t, http.StatusNotFound, r.status)
			require.Equal(t, tc.code, r.errorCode())
		})
	}
	// ARM names compare case-insensitively.
	r := e.do(http.MethodGet, strings.ToUpper(e.s.WorkspaceID()[:14])+e.s.WorkspaceID()[14:], nil)
	require.Equal(t, http.StatusOK, r.status)
}

func TestVMSizes(t *testing.T) {
	e := newEnv(t, nil)
	r := e.do(http.MethodGet, "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.MachineLearningServices/locations/eastus/vmSizes", nil)
	require.Equal(t, http.StatusOK, r.status)
	sizes := r.body["value"].([]any)
	require.Len(t, sizes, len(workspacetest.DefaultVMSizes()))
	first := sizes[0].(map[string]any)
	require.Equal(t, "Standard_D1_v2", first["name"])
	require.EqualValues(t, 1, first["vCPUs"])
	require.Contains(t, first["supportedComputeTypes"], "AmlCompute")

	r = e.do(http.MethodGet, "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.MachineLearningServices/locations/mars/vmSizes", nil)
	require.Equal(t, http.StatusBadRequest, r.status)
}

func TestRequestsRecordedRaw(t *testing.T) {
	var mu sync.Mutex
	var lines []string
	e := newEnv(t, &workspacetest.Options{Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}})
	e.do(http.MethodPut, e.compute("cpu-cluster"), amlBody(0, 2, "PT120S"))
	reqs := e.s.Requests()
	require.Len(t, reqs, 1)
	got := reqs[0]
	require.Equal(t, http.MethodPut, got.Method)
	require.Equal(t, e.compute("cpu-cluster"), got.Path)
	require.Equal(t, apiVersion, got.Query["api-version"][0])
	require.Contains(t, string(got.Body), "s3cret-Pa55", "bodies are recorded raw")
	require.Equal(t, http.StatusCreated, got.Status)
	require.Equal(t, e.clock.Now(), got.Time)
	require.Positive(t, got.RetryAfter)

	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, []string{"workspacetest: PUT " + e.compute("cpu-cluster") + " -> 201"}, lines, "the log has no bodies")
}
