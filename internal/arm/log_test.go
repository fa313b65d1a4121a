package arm_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	azlog "github.com/Azure/azure-sdk-for-go/sdk/azcore/log"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
)

// captureLog routes azcore's process-wide log, every event, into the
// returned func's result until the test ends. azcore's listener is a
// global: tests that call this must not run in parallel.
func captureLog(t *testing.T) func() []string {
	t.Helper()
	var mu sync.Mutex
	var lines []string
	azlog.SetEvents() // all events: the most verbose level
	azlog.SetListener(func(ev azlog.Event, msg string) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf("[%s] %s", ev, msg))
	})
	t.Cleanup(func() { azlog.SetListener(nil) })
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), lines...)
	}
}

func TestNoSecretInLogs(t *testing.T) {
	logs := captureLog(t)
	c, s, ws := newEmulator(t, nil, func(o *arm.ClientOptions) { o.Logging.IncludeBody = true })
	secrets := []string{"Aml-Passw0rd-1", "VM-Passw0rd-2", "PRIVATE-KEY-3", "dapi-TOKEN-4", "HDI-Passw0rd-5"}
	computes := map[string]*arm.ComputeResource{
		"aml1": {Location: "eastus", Properties: &arm.Compute{ComputeType: arm.ComputeTypeAmlCompute, Properties: &arm.AmlComputeProperties{
			VMSize: "STANDARD_D2_V2", ScaleSettings: &arm.ScaleSettings{MaxNodeCount: 2},
			UserAccountCredentials: &arm.UserAccountCredentials{AdminUserName: "azureuser", AdminUserPassword: arm.Secret(secrets[0])}}}},
		"vm1": vmAttach("vm1", arm.VirtualMachineSSHCredentials{Username: "u", Password: arm.Secret(secrets[1]), PrivateKeyData: arm.Secret(secrets[2])}),
		"dbr1": {Location: "eastus", Properties: &arm.Compute{ComputeType: arm.ComputeTypeDatabricks,
			ResourceID: "/subscriptions/" + ws.SubscriptionID + "/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/dbr1",
			Properties: &arm.DatabricksProperties{WorkspaceURL: "https://adb-1.azuredatabricks.net", DatabricksAccessToken: arm.Secret(secrets[3])}}},
		"hdi1": {Location: "eastus", Properties: &arm.Compute{ComputeType: arm.ComputeTypeHDInsight,
			ResourceID: "/subscriptions/" + ws.SubscriptionID + "/resourceGroups/rg/providers/Microsoft.HDInsight/clusters/hdi1",
			Properties: &arm.HDInsightProperties{Address: "hdi1.example", SSHPort: 22,
				AdministratorAccount: &arm.VirtualMachineSSHCredentials{Username: "admin", Password: arm.Secret(secrets[4])}}}},
	}
	for name, r := range computes {
		p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, name, r, nil)
		require.NoError(t, err, name)
		_, err = p.PollUntilDone(t.Context(), &pollFast)
		require.NoError(t, err, name)
		_, _ = c.ListComputeKeys(t.Context(), ws, name) // returns secrets for vm1 and dbr1
	}
	keys, err := c.ListComputeKeys(t.Context(), ws, "vm1")
	require.NoError(t, err)
	require.Equal(t, secrets[2], keys.AdministratorAccount.PrivateKeyData.Reveal(), "the secrets did travel")

	// every body really carried its secret: the emulator records bodies raw
	var sent strings.Builder
	for _, r := range s.Requests() {
		sent.Write(r.Body)
	}
	for _, sec := range secrets {
		require.Contains(t, sent.String(), sec, "the request bodies carry every secret")
	}
	lines := logs()
	for i, line := range lines {
		for _, sec := range secrets {
			if strings.Contains(line, sec) {
				t.Fatalf("log line %d holds a secret: %s", i, line)
			}
		}
	}
	all := strings.ToLower(strings.Join(lines, "\n"))
	for _, want := range []string{"[request]", "[response]", "[longrunningoperation]", "[retry]", "x-ms-client-request-id", "authorization: redacted"} {
		require.True(t, strings.Contains(all, strings.ToLower(want)), "the log was really on: no %q in %d lines", want, len(lines))
	}
}
