package workspacetest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace/workspacetest"
)

func TestCreateAmlComputeLRO(t *testing.T) {
	e := newEnv(t, &workspacetest.Options{ProvisioningDelay: 10 * time.Second, RetryAfter: 1500 * time.Millisecond})
	r := e.do(http.MethodPut, e.compute("cpu-cluster"), amlBody(0, 4, "PT120S"))
	require.Equal(t, http.StatusCreated, r.status, "%s", r.raw)
	require.Equal(t, "2", r.header.Get("Retry-After"), "1.5s is sent as 2 whole seconds")
	require.Empty(t, r.header.Get("Location"), "PUT only declares Azure-AsyncOperation")
	op := r.header.Get("Azure-AsyncOperation")
	require.True(t, strings.HasPrefix(op, e.s.URL()+"/subscriptions/"), op)
	require.Contains(t, op, "api-version="+apiVersion)
	require.Equal(t, e.compute("cpu-cluster"), r.body["id"])
	require.Equal(t, "Microsoft.MachineLearningServices/workspaces/computes", r.body["type"])
	require.Equal(t, "Creating", r.props(false)["provisioningState"])

	st := e.do(http.MethodGet, op, nil)
	require.Equal(t, http.StatusOK, st.status)
	require.Equal(t, "InProgress", st.body["status"])
	require.Equal(t, "2", st.header.Get("Retry-After"))

	e.clock.Advance(9 * time.Second)
	require.Equal(t, "InProgress", e.do(http.MethodGet, op, nil).body["status"])
	require.Equal(t, "Creating", e.do(http.MethodGet, e.compute("cpu-cluster"), nil).props(false)["provisioningState"])

	e.clock.Advance(time.Second)
	st = e.do(http.MethodGet, op, nil)
	require.Equal(t, "Succeeded", st.body["status"])
	require.Empty(t, st.header.Get("Retry-After"))
	require.NotEmpty(t, st.body["endTime"])

	got := e.do(http.MethodGet, e.compute("cpu-cluster"), nil)
	require.Equal(t, "Succeeded", got.props(false)["provisioningState"])
	require.Equal(t, false, got.props(false)["isAttachedCompute"])
	aml := got.props(true)
	require.Equal(t, "Standard_D2_v2", aml["vmSize"], "the size is normalised to the service's spelling")
	require.Equal(t, "Linux", aml["osType"], "default osType")
	require.Equal(t, "Enabled", aml["remoteLoginPortPublicAccess"], "NotSpecified becomes Enabled without a VNet")
	require.Equal(t, "Steady", aml["allocationState"])
	require.EqualValues(t, 0, aml["currentNodeCount"])
	require.NotContains(t, string(got.raw), "s3cret-Pa55", "GET never returns the password")
	require.Equal(t, "azureuser", aml["userAccountCredentials"].(map[string]any)["adminUserName"])
}

func TestUnknownOperation(t *testing.T) {
	e := newEnv(t, nil)
	r := e.do(http.MethodGet, "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.MachineLearningServices/locations/eastus/computeOperationsStatus/nope", nil)
	require.Equal(t, http.StatusNotFound, r.status)
	require.Equal(t, "ResourceNotFound", r.errorCode())
}

func TestAttachSecretsAndDuplicate(t *testing.T) {
	e := newEnv(t, nil)
	const sub = "00000000-0000-0000-0000-000000000000"
	e.create("my-vm", vmBody(sub))
	got := e.do(http.MethodGet, e.compute("my-vm"), nil)
	require.Equal(t, true, got.props(false)["isAttachedCompute"])
	require.NotContains(t, string(got.raw), "BEGIN KEY", "GET never returns the private key")

	keys := e.do(http.MethodPost, e.compute("my-vm")+"/listKeys", nil)
	require.Equal(t, http.StatusOK, keys.status)
	require.Equal(t, "VirtualMachine", keys.body["computeType"])
	require.Equal(t, "-----BEGIN KEY-----xyz", keys.body["administratorAccount"].(map[string]any)["privateKeyData"])

	dup := e.do(http.MethodPut, e.compute("my-vm"), vmBody(sub))
	require.Equal(t, http.StatusConflict, dup.status)
	require.Equal(t, "Conflict", dup.errorCode())

	db := map[string]any{"location": "eastus", "properties": map[string]any{"computeType": "Databricks",
		"resourceId": "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/dbw",
		"properties": map[string]any{"databricksAccessToken": "dapi-secret-token", "workspaceUrl": "adb-1.azuredatabricks.net"}}}
	e.create("dbx", db)
	list := e.do(http.MethodGet, e.s.WorkspaceID()+"/computes", nil)
	require.NotContains(t, string(list.raw), "dapi-secret-token")
	require.Equal(t, "dapi-secret-token", e.do(http.MethodPost, e.compute("dbx")+"/listKeys", nil).body["databricksAccessToken"])

	// An AmlCompute cannot replace an attached compute either.
	require.Equal(t, http.StatusConflict, e.do(http.MethodPut, e.compute("dbx"), amlBody(0, 1, "PT1M")).status)
}

func TestUpdateAmlComputeByPut(t *testing.T) {
	e := newEnv(t, nil)
	e.create("cpu-cluster", amlBody(0, 4, "PT120S"))
	r := e.do(http.MethodPut, e.compute("cpu-cluster"), amlBody(1, 6, "PT5M"))
	require.Equal(t, http.StatusOK, r.status, "%s", r.raw)
	require.NotEmpty(t, r.header.Get("Azure-AsyncOperation"))
	require.Equal(t, "Updating", r.props(false)["provisioningState"])

	busy := e.do(http.MethodPut, e.compute("cpu-cluster"), amlBody(1, 6, "PT5M"))
	require.Equal(t, http.StatusConflict, busy.status, "an operation is in progress")

	e.clock.Advance(3 * time.Second)
	got := e.do(http.MethodGet, e.compute("cpu-cluster"), nil).props(true)
	sc := got["scaleSettings"].(map[string]any)
	require.EqualValues(t, 6, sc["maxNodeCount"])
	require.Equal(t, "PT5M", sc["nodeIdleTimeBeforeScaleDown"])

	body := amlBody(1, 6, "PT5M")
	body["properties"].(map[string]any)["properties"].(map[string]any)["vmSize"] = "Standard_NC6s_v3"
	r = e.do(http.MethodPut, e.compute("cpu-cluster"), body)
	require.Equal(t, http.StatusBadRequest, r.status)
	require.Equal(t, "properties.properties.vmSize", r.errorTarget())
}

func TestPatchScaleSettings(t *testing.T) {
	e := newEnv(t, nil)
	e.create("cpu-cluster", amlBody(0, 4, "PT120S"))
	patch := map[string]any{"properties": map[string]any{"properties": map[string]any{
		"scaleSettings": map[string]any{"maxNodeCount": 8, "minNodeCount": 2, "nodeIdleTimeBeforeScaleDown": "PT10M"}}}}
	r := e.do(http.MethodPatch, e.compute("cpu-cluster"), patch)
	require.Equal(t, http.StatusOK, r.status, "%s", r.raw)
	require.NotEmpty(t, r.header.Get("Azure-AsyncOperation"))
	loc := r.header.Get("Location")
	require.NotEmpty(t, loc)
	require.Equal(t, "Updating", r.props(false)["provisioningState"])

	pending := e.do(http.MethodGet, loc, nil)
	require.Equal(t, http.StatusAccepted, pending.status)
	require.Equal(t, loc, pending.header.Get("Location"))
	require.NotEmpty(t, pending.header.Get("Retry-After"))

	e.clock.Advance(3 * time.Second)
	final := e.do(http.MethodGet, loc, nil)
	require.Equal(t, http.StatusOK, final.status)
	require.Equal(t, "Succeeded", final.props(false)["provisioningState"])
	require.EqualValues(t, 8, final.props(true)["scaleSettings"].(map[string]any)["maxNodeCount"])

	bad := map[string]any{"properties": map[string]any{"properties": map[string]any{
		"scaleSettings": map[string]any{"maxNodeCount": 1}}}}
	r = e.do(http.MethodPatch, e.compute("cpu-cluster"), bad)
	require.Equal(t, http.StatusBadRequest, r.status, "min 2 from before exceeds the new max")
	require.Equal(t, "properties.properties.scaleSettings.minNodeCount", r.errorTarget())
	require.Equal(t, http.StatusNotFound, e.do(http.MethodPatch, e.compute("nothere"), patch).status)
}

func TestDelete(t *testing.T) {
	e := newEnv(t, nil)
	e.create("cpu-cluster", amlBody(0, 4, "PT120S"))
	e.create("my-vm", vmBody("00000000-0000-0000-0000-000000000000"))
	for _, tc := range []struct {
		name, compute, query string
		status               int
	}{
		{"missing action", "cpu-cluster", "", http.StatusBadRequest},
		{"bad action", "cpu-cluster", "&underlyingResourceAction=Remove", http.StatusBadRequest},
		{"detach managed", "cpu-cluster", "&underlyingResourceAction=Detach", http.StatusBadRequest},
		{"delete attached", "my-vm", "&underlyingResourceAction=Delete", http.StatusBadRequest},
		{"absent", "nothere", "&underlyingResourceAction=Delete", http.StatusNoContent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(http.MethodDelete, e.compute(tc.compute)+"?api-version="+apiVersion+tc.query, nil)
			require.Equal(t, tc.status, r.status, "%s", r.raw)
			if tc.status == http.StatusBadRequest {
				require.Equal(t, "underlyingResourceAction", r.errorTarget())
			}
		})
	}
	for name, action := range map[string]string{"cpu-cluster": "Delete", "my-vm": "Detach"} {
		r := e.do(http.MethodDelete, e.compute(name)+"?api-version="+apiVersion+"&underlyingResourceAction="+action, nil)
		require.Equal(t, http.StatusAccepted, r.status)
		require.NotEmpty(t, r.header.Get("Azure-AsyncOperation"))
		require.NotEmpty(t, r.header.Get("Location"))
		require.NotEmpty(t, r.header.Get("Retry-After"))
		require.Equal(t, "Deleting", e.do(http.MethodGet, e.compute(name), nil).props(false)["provisioningState"])
		e.clock.Advance(3 * time.Second)
		require.Equal(t, http.StatusNoContent, e.do(http.MethodGet, r.header.Get("Location"), nil).status)
		require.Equal(t, "Succeeded", e.do(http.MethodGet, r.header.Get("Azure-AsyncOperation"), nil).body["status"])
		require.Equal(t, http.StatusNotFound, e.do(http.MethodGet, e.compute(name), nil).status)
	}
}

func TestListPaging(t *testing.T) {
	e := newEnv(t, &workspacetest.Options{PageSize: 2})
	names := []string{"alpha", "bravo", "charlie", "delta", "echo"}
	for _, n := range names {
		require.Equal(t, http.StatusCreated, e.do(http.MethodPut, e.compute(n), amlBody(0, 1, "PT1M")).status)
	}
	var got []string
	next := e.s.WorkspaceID() + "/computes"
	pages := 0
	for next != "" {
		r := e.do(http.MethodGet, next, nil)
		require.Equal(t, http.StatusOK, r.status)
		for _, v := range r.body["value"].([]any) {
			got = append(got, v.(map[string]any)["name"].(string))
		}
		next, _ = r.body["nextLink"].(string)
		if next != "" {
			require.True(t, strings.HasPrefix(next, e.s.URL()), "nextLink is absolute")
			require.Contains(t, next, "api-version="+apiVersion)
		}
		pages++
	}
	require.Equal(t, names, got)
	require.Equal(t, 3, pages)

	r := e.do(http.MethodGet, e.s.WorkspaceID()+"/computes?api-version="+apiVersion+"&$skip=x", nil)
	require.Equal(t, http.StatusBadRequest, r.status)
	require.Equal(t, "$skip", r.errorTarget())
}

func TestDeleteWhileCreating(t *testing.T) {
	e := newEnv(t, nil)
	r := e.do(http.MethodPut, e.compute("cpu-cluster"), amlBody(0, 1, "PT1M"))
	require.Equal(t, http.StatusCreated, r.status)
	create := r.header.Get("Azure-AsyncOperation")
	del := e.do(http.MethodDelete, e.compute("cpu-cluster")+"?api-version="+apiVersion+"&underlyingResourceAction=Delete", nil)
	require.Equal(t, http.StatusAccepted, del.status)
	again := e.do(http.MethodDelete, e.compute("cpu-cluster")+"?api-version="+apiVersion+"&underlyingResourceAction=Delete", nil)
	require.Equal(t, del.header.Get("Azure-AsyncOperation"), again.header.Get("Azure-AsyncOperation"), "a repeated delete joins the running one")

	st := e.do(http.MethodGet, create, nil)
	require.Equal(t, "Canceled", st.body["status"])
	require.Equal(t, "OperationCanceled", st.body["error"].(map[string]any)["code"])
	e.clock.Advance(3 * time.Second)
	require.Equal(t, "Succeeded", e.do(http.MethodGet, del.header.Get("Azure-AsyncOperation"), nil).body["status"])
	require.Equal(t, http.StatusNotFound, e.do(http.MethodGet, e.compute("cpu-cluster"), nil).status)
}
