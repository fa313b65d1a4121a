package workspacetest_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAttachTypes(t *testing.T) {
	e := newEnv(t, nil)
	const rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
	admin := map[string]any{"username": "admin", "password": "hdi-Pa55word"}
	for _, tc := range []struct {
		name, computeType, resourceID string
		props                         map[string]any
		secret                        string // must not be in GET, must be in listKeys ("" if none)
		keysField                     string
	}{
		{"hdi", "HDInsight", rg + "Microsoft.HDInsight/clusters/spark1",
			map[string]any{"address": "spark1-ssh.azurehdinsight.net", "sshPort": 22, "administratorAccount": admin},
			"hdi-Pa55word", "administratorAccount"},
		{"adla", "DataLakeAnalytics", rg + "Microsoft.DataLakeAnalytics/accounts/lake1",
			map[string]any{"dataLakeStoreAccountName": "store1"}, "", ""},
		{"vm-by-address", "VirtualMachine", "",
			map[string]any{"address": "vm.example.com", "administratorAccount": map[string]any{"username": "u", "password": "vm-Pa55word"}},
			"vm-Pa55word", "administratorAccount"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := map[string]any{"location": "eastus", "properties": map[string]any{
				"computeType": tc.computeType, "resourceId": tc.resourceID, "properties": tc.props}}
			e.create(tc.name, body)
			got := e.do(http.MethodGet, e.compute(tc.name), nil)
			require.Equal(t, tc.computeType, got.props(false)["computeType"])
			require.Equal(t, true, got.props(false)["isAttachedCompute"])
			keys := e.do(http.MethodPost, e.compute(tc.name)+"/listKeys", nil)
			require.Equal(t, http.StatusOK, keys.status)
			require.Equal(t, tc.computeType, keys.body["computeType"])
			if tc.secret == "" {
				require.Len(t, keys.body, 1, "no secrets for %s", tc.computeType)
				require.Equal(t, "store1", got.props(true)["dataLakeStoreAccountName"])
				return
			}
			require.NotContains(t, string(got.raw), tc.secret)
			require.Contains(t, string(keys.raw), tc.secret)
			require.EqualValues(t, 22, got.props(true)["sshPort"], "sshPort defaults to 22")

			patch := map[string]any{"properties": map[string]any{"properties": map[string]any{
				"scaleSettings": map[string]any{"maxNodeCount": 2}}}}
			r := e.do(http.MethodPatch, e.compute(tc.name), patch)
			require.Equal(t, http.StatusBadRequest, r.status, "only AmlCompute scales")
		})
	}
}

func TestPatchConflictsAndBadBodies(t *testing.T) {
	e := newEnv(t, nil)
	require.Equal(t, http.StatusCreated, e.do(http.MethodPut, e.compute("busy"), amlBody(0, 1, "PT1M")).status)
	ok := map[string]any{"properties": map[string]any{"properties": map[string]any{
		"scaleSettings": map[string]any{"maxNodeCount": 2}}}}
	r := e.do(http.MethodPatch, e.compute("busy"), ok)
	require.Equal(t, http.StatusConflict, r.status, "still Creating")
	require.Equal(t, "Conflict", r.errorCode())
	for _, tc := range []struct {
		body   any
		target string
	}{
		{map[string]any{}, "properties.properties"},
		{map[string]any{"properties": map[string]any{"properties": map[string]any{}}}, "properties.properties.scaleSettings"},
		{map[string]any{"properties": map[string]any{"properties": map[string]any{"scaleSettings": map[string]any{"minNodeCount": 1}}}},
			"properties.properties.scaleSettings.maxNodeCount"},
	} {
		r := e.do(http.MethodPatch, e.compute("busy"), tc.body)
		require.Equal(t, http.StatusBadRequest, r.status)
		require.Equal(t, tc.target, r.errorTarget())
	}
}

func TestCredentialHidesToken(t *testing.T) {
	e := newEnv(t, nil)
	cred := e.s.Credential()
	for _, s := range []string{fmt.Sprint(cred), fmt.Sprintf("%v %+v %#v %s", cred, cred, cred, cred)} {
		require.NotContains(t, s, e.token)
		require.Contains(t, s, "REDACTED")
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := cred.GetToken(ctx, policyOptions())
	require.ErrorIs(t, err, context.Canceled)
}
