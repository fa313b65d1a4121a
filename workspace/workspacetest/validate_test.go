package workspacetest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// mutate returns amlBody with f applied to properties.properties.
func mutate(f func(props, outer, body map[string]any)) map[string]any {
	b := amlBody(0, 4, "PT120S")
	outer := b["properties"].(map[string]any)
	f(outer["properties"].(map[string]any), outer, b)
	return b
}

func scale(props map[string]any) map[string]any { return props["scaleSettings"].(map[string]any) }

func TestComputeNameRule(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"cpu-cluster", true},
		{"abc", true},
		{"a23456789012345678901234", true},
		{"gpu-v2", true},
		{"ab", false},
		{"a234567890123456789012345", false},
		{"1cluster", false},
		{"cluster-1", false},
		{"cluster-123", false},
		{"my_cluster", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(http.MethodPut, e.compute(tc.name), amlBody(0, 1, "PT1M"))
			if tc.ok {
				require.Equal(t, http.StatusCreated, r.status, "%s", r.raw)
				return
			}
			require.Equal(t, http.StatusBadRequest, r.status)
			require.Equal(t, "ValidationError", r.errorCode())
			require.Equal(t, "computeName", r.errorTarget())
			require.Contains(t, string(r.raw), tc.name)
		})
	}
}

func TestComputeValidation(t *testing.T) {
	e := newEnv(t, nil)
	const sub = "00000000-0000-0000-0000-000000000000"
	for _, tc := range []struct {
		name, target string
		body         any
	}{
		{"no location", "location", mutate(func(_, _, b map[string]any) { delete(b, "location") })},
		{"no properties", "properties", map[string]any{"location": "eastus"}},
		{"no computeType", "properties.computeType", mutate(func(_, o, _ map[string]any) { delete(o, "computeType") })},
		{"unknown computeType", "properties.computeType", mutate(func(_, o, _ map[string]any) { o["computeType"] = "Batch" })},
		{"unsupported computeType", "properties.computeType", mutate(func(_, o, _ map[string]any) { o["computeType"] = "ComputeInstance" })},
		{"no type properties", "properties.properties", mutate(func(_, o, _ map[string]any) { delete(o, "properties") })},
		{"no vmSize", "properties.properties.vmSize", mutate(func(p, _, _ map[string]any) { delete(p, "vmSize") })},
		{"unknown vmSize", "properties.properties.vmSize", mutate(func(p, _, _ map[string]any) { p["vmSize"] = "Standard_Z99" })},
		{"vmPriority enum", "properties.properties.vmPriority", mutate(func(p, _, _ map[string]any) { p["vmPriority"] = "Spot" })},
		{"osType enum", "properties.properties.osType", mutate(func(p, _, _ map[string]any) { p["osType"] = "Mac" })},
		{"remote login enum", "properties.properties.remoteLoginPortPublicAccess",
			mutate(func(p, _, _ map[string]any) { p["remoteLoginPortPublicAccess"] = "Open" })},
		{"no scaleSettings", "properties.properties.scaleSettings", mutate(func(p, _, _ map[string]any) { delete(p, "scaleSettings") })},
		{"no maxNodeCount", "properties.properties.scaleSettings.maxNodeCount",
			mutate(func(p, _, _ map[string]any) { delete(scale(p), "maxNodeCount") })},
		{"min above max", "properties.properties.scaleSettings.minNodeCount",
			mutate(func(p, _, _ map[string]any) { scale(p)["minNodeCount"] = 5 })},
		{"negative min", "properties.properties.scaleSettings.minNodeCount",
			mutate(func(p, _, _ map[string]any) { scale(p)["minNodeCount"] = -1 })},
		{"idle not ISO-8601", "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown",
			mutate(func(p, _, _ map[string]any) { scale(p)["nodeIdleTimeBeforeScaleDown"] = "120" })},
		{"idle bare PT", "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown",
			mutate(func(p, _, _ map[string]any) { scale(p)["nodeIdleTimeBeforeScaleDown"] = "PT" })},
		{"maxNodeCount type", "properties.properties.scaleSettings.maxNodeCount",
			mutate(func(p, _, _ map[string]any) { scale(p)["maxNodeCount"] = "four" })},
		{"no admin name", "properties.properties.userAccountCredentials.adminUserName",
			mutate(func(p, _, _ map[string]any) { p["userAccountCredentials"] = map[string]any{"adminUserPassword": "x"} })},
		{"no admin secret", "properties.properties.userAccountCredentials",
			mutate(func(p, _, _ map[string]any) { p["userAccountCredentials"] = map[string]any{"adminUserName": "u"} })},
		{"subnet not an id", "properties.properties.subnet.id",
			mutate(func(p, _, _ map[string]any) { p["subnet"] = map[string]any{"id": "default"} })},
		{"vm without credentials", "properties.properties.administratorAccount.username",
			func() map[string]any {
				b := vmBody(sub)
				delete(b["properties"].(map[string]any)["properties"].(map[string]any), "administratorAccount")
				return b
			}()},
		{"vm bad resource id", "properties.resourceId",
			func() map[string]any {
				b := vmBody(sub)
				b["properties"].(map[string]any)["resourceId"] = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s"
				return b
			}()},
		{"vm ssh port", "properties.properties.sshPort",
			func() map[string]any {
				b := vmBody(sub)
				b["properties"].(map[string]any)["properties"].(map[string]any)["sshPort"] = 70000
				return b
			}()},
		{"databricks token", "properties.properties.databricksAccessToken",
			map[string]any{"location": "eastus", "properties": map[string]any{"computeType": "Databricks",
				"resourceId": "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w",
				"properties": map[string]any{"workspaceUrl": "adb.net"}}}},
		{"adla resource id", "properties.resourceId",
			map[string]any{"location": "eastus", "properties": map[string]any{"computeType": "DataLakeAnalytics"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(http.MethodPut, e.compute("checked"), tc.body)
			require.Equal(t, http.StatusBadRequest, r.status, "%s", r.raw)
			require.Equal(t, "ValidationError", r.errorCode())
			require.Equal(t, tc.target, r.errorTarget(), "%s", r.raw)
		})
	}
	require.Equal(t, http.StatusNotFound, e.do(http.MethodGet, e.compute("checked"), nil).status, "nothing was created")
}

func TestComputeBodyTolerance(t *testing.T) {
	e := newEnv(t, nil)
	body := mutate(func(p, o, b map[string]any) {
		b["someFutureField"] = true
		o["anotherOne"] = map[string]any{"x": 1}
		p["propertyBag"] = map[string]any{"k": "v"}
	})
	r := e.do(http.MethodPut, e.compute("tolerant"), body)
	require.Equal(t, http.StatusCreated, r.status, "unknown fields are tolerated: %s", r.raw)

	r = e.do(http.MethodPut, e.compute("broken"), `{"location": "eastus", "properties": {`)
	require.Equal(t, http.StatusBadRequest, r.status)
	require.Equal(t, "InvalidRequestContent", r.errorCode())
}

func TestDurations(t *testing.T) {
	e := newEnv(t, nil)
	for i, d := range []string{"PT120S", "PT5M", "PT1H30M", "P1D", "PT0.5S", "P1DT2H"} {
		body := mutate(func(p, _, _ map[string]any) { scale(p)["nodeIdleTimeBeforeScaleDown"] = d })
		r := e.do(http.MethodPut, e.compute("dur"+string(rune('a'+i))), body)
		require.Equal(t, http.StatusCreated, r.status, "%s: %s", d, r.raw)
		got := r.props(true)["scaleSettings"].(map[string]any)["nodeIdleTimeBeforeScaleDown"]
		require.Equal(t, d, got, "kept as sent")
	}
}
