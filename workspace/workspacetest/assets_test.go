package workspacetest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

func TestCodeUploadHashFilterAndImmutablePath(t *testing.T) {
	e := newLiveEnv(t)
	id := e.uploadCode("snap", "abc123", map[string]string{"train.py": "print(1)\n", "lib/util.py": "x = 1\n"})
	got := e.do(http.MethodGet, id, nil)
	require.Equal(t, http.StatusOK, got.status)
	codeURI := got.props(false)["codeUri"].(string)

	tests := []struct {
		name, query string
		want        int
	}{
		{"hit from any container name", "hash=abc123&hashVersion=202208", 1},
		{"hash alone", "hash=abc123", 1},
		{"other hash", "hash=ffff&hashVersion=202208", 0},
		{"other hash version", "hash=abc123&hashVersion=1", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(http.MethodGet, e.s.WorkspaceID()+"/codes/anything/versions?api-version="+apiVersion+"&"+tc.query, nil)
			require.Equal(t, http.StatusOK, r.status, "%s", r.raw)
			require.Len(t, r.body["value"], tc.want)
			if tc.want == 1 {
				require.Equal(t, id, r.body["value"].([]any)[0].(map[string]any)["id"])
			}
		})
	}
	same := e.do(http.MethodPut, id, map[string]any{"properties": map[string]any{"codeUri": codeURI, "description": "d"}})
	require.Equal(t, http.StatusOK, same.status, "%s", same.raw)
	moved := e.do(http.MethodPut, id, map[string]any{"properties": map[string]any{"codeUri": codeURI + "2"}})
	require.Equal(t, http.StatusBadRequest, moved.status)
	require.Equal(t, "Asset paths cannot be updated.", moved.body["error"].(map[string]any)["message"])

	container := e.do(http.MethodGet, e.s.WorkspaceID()+"/codes/snap", nil)
	require.Equal(t, "1", container.props(false)["latestVersion"])
	require.Equal(t, "2", container.props(false)["nextVersion"])
}

func TestCodeVersionValidation(t *testing.T) {
	e := newLiveEnv(t)
	ws := e.s.WorkspaceID()
	tests := []struct {
		name, codeURI, target string
	}{
		{"missing", "", "properties.codeUri"},
		{"other account", "https://other.blob.core.windows.net/c/src", "properties.codeUri"},
		{"with a SAS", e.az.ServiceURL + "c/src?sig=secret", "properties.codeUri"},
		{"no such container", e.az.ServiceURL + "nosuchcontainer/src", "properties.codeUri"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(http.MethodPut, ws+"/codes/c/versions/1", map[string]any{"properties": map[string]any{"codeUri": tc.codeURI}})
			require.Equal(t, http.StatusBadRequest, r.status, "%s", r.raw)
			require.Equal(t, tc.target, r.errorTarget())
			require.NotContains(t, string(r.raw), "secret")
		})
	}
	bad := e.do(http.MethodPost, ws+"/codes/c/versions/1/startPendingUpload", map[string]any{"pendingUploadType": "Other"})
	require.Equal(t, http.StatusBadRequest, bad.status)
	require.Equal(t, "pendingUploadType", bad.errorTarget())
}

func TestEnvironmentVersionsAreImmutable(t *testing.T) {
	e := newEnv(t, nil)
	id := e.s.WorkspaceID() + "/environments/train-env/versions/1"
	other := "name: project\ndependencies:\n  - python=3.12\n"
	tests := []struct {
		name         string
		body         map[string]any
		status       int
		target, code string
	}{
		{"create", envBody("ubuntu:22.04", condaYAML), http.StatusCreated, "", ""},
		{"same again is reused", envBody("ubuntu:22.04", condaYAML), http.StatusOK, "", ""},
		{"other conda file", envBody("ubuntu:22.04", other), http.StatusConflict, "properties.condaFile", "UserError"},
		{"other image", envBody("ubuntu:24.04", condaYAML), http.StatusConflict, "properties.image", "UserError"},
		{"neither image nor build", envBody("", condaYAML), http.StatusBadRequest, "properties.image", "ValidationError"},
		{"conda path, not text", envBody("ubuntu:22.04", "conda.yml"), http.StatusBadRequest, "properties.condaFile", "ValidationError"},
		{"image and build", map[string]any{"properties": map[string]any{"image": "a", "build": map[string]any{"contextUri": "https://x/y"}}},
			http.StatusBadRequest, "properties.build", "ValidationError"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(http.MethodPut, id, tc.body)
			require.Equal(t, tc.status, r.status, "%s", r.raw)
			if tc.target != "" {
				require.Equal(t, tc.target, r.errorTarget())
				require.Equal(t, tc.code, r.errorCode())
			}
		})
	}
	got := e.do(http.MethodGet, id, nil)
	require.Equal(t, condaYAML, got.props(false)["condaFile"])
	require.Equal(t, "UserCreated", got.props(false)["environmentType"])
	list := e.do(http.MethodGet, e.s.WorkspaceID()+"/environments/train-env/versions", nil)
	require.Len(t, list.body["value"], 1)
	require.Equal(t, http.StatusNotFound, e.do(http.MethodGet, e.s.WorkspaceID()+"/environments/train-env/versions/2", nil).status)
}

func TestDefaultDatastoreAndSecrets(t *testing.T) {
	storage := &workspacetest.BlobStorage{ServiceURL: "http://127.0.0.1:1/devstoreaccount1/",
		AccountName: azuritetest.AccountName, AccountKey: azuritetest.AccountKey}
	e := newEnv(t, &workspacetest.Options{Storage: storage})
	ws := e.s.WorkspaceID()
	list := e.do(http.MethodGet, ws+"/datastores?api-version="+apiVersion+"&isDefault=true", nil)
	require.Len(t, list.body["value"], 1)
	ds := e.do(http.MethodGet, ws+"/datastores/workspaceblobstore", nil).props(false)
	require.Equal(t, "AzureBlob", ds["datastoreType"])
	require.Equal(t, azuritetest.AccountName, ds["accountName"])
	require.Equal(t, true, ds["isDefault"])
	require.NotContains(t, string(e.do(http.MethodGet, ws+"/datastores", nil).raw), azuritetest.AccountKey)
	secrets := e.do(http.MethodPost, ws+"/datastores/workspaceblobstore/listSecrets", nil)
	require.Equal(t, map[string]any{"secretsType": "AccountKey", "key": azuritetest.AccountKey}, secrets.body)
	require.NotContains(t, storage.String()+storage.GoString(), azuritetest.AccountKey)

	bare := newEnv(t, nil)
	require.Empty(t, bare.do(http.MethodGet, ws+"/datastores", nil).body["value"])
	r := bare.do(http.MethodPut, bare.job("j"), commandJob("echo", "", "e", "c"))
	require.Equal(t, http.StatusNotImplemented, r.status)
	require.Equal(t, "StorageNotConfigured", r.errorCode())
}
