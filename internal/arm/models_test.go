package arm

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func TestComputeResourceUnmarshalAmlCompute(t *testing.T) {
	var r ComputeResource
	require.NoError(t, json.Unmarshal(readTestdata(t, "compute_amlcompute_get.json"), &r))
	require.Equal(t, "cpu-cluster", r.Name)
	require.Equal(t, "eastus", r.Location)
	c := r.Properties
	require.NotNil(t, c)
	require.Equal(t, ComputeTypeAmlCompute, c.ComputeType)
	require.Equal(t, ProvisioningStateSucceeded, c.ProvisioningState)
	require.Equal(t, time.Date(2026, 1, 2, 3, 4, 5, 123456000, time.UTC), c.CreatedOn.Time, "zone-less date-time read as UTC")
	require.True(t, *c.DisableLocalAuth)
	p, ok := c.Properties.(*AmlComputeProperties)
	require.True(t, ok, "properties type %T", c.Properties)
	require.Equal(t, "STANDARD_D2_V2", p.VMSize)
	require.Equal(t, VMPriorityDedicated, p.VMPriority)
	require.Equal(t, &ScaleSettings{MaxNodeCount: 4, MinNodeCount: 0, NodeIdleTimeBeforeScaleDown: "PT120S"}, p.ScaleSettings)
	require.Equal(t, AllocationStateResizing, p.AllocationState)
	require.EqualValues(t, 1, p.CurrentNodeCount)
	require.EqualValues(t, 2, p.TargetNodeCount)
	require.EqualValues(t, 1, p.NodeStateCounts.PreparingNodeCount)
	require.Equal(t, RemoteLoginPortPublicAccessEnabled, p.RemoteLoginPortPublicAccess)
	require.True(t, *p.EnableNodePublicIP)
	require.Len(t, p.Errors, 1)
	require.Equal(t, "DiskFull", p.Errors[0].Error.Code)
}

func TestComputeResourceUnmarshalKinds(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, c *Compute)
	}{
		{"compute_unknown_get.json", func(t *testing.T, c *Compute) {
			u, ok := c.Properties.(*UnknownComputeProperties)
			require.True(t, ok, "got %T", c.Properties)
			require.Equal(t, ComputeTypeKubernetes, u.ComputeType())
			require.JSONEq(t, `{"namespace":"default","defaultInstanceType":"small"}`, string(u.Raw))
		}},
		{"compute_failed_get.json", func(t *testing.T, c *Compute) {
			require.Equal(t, ProvisioningStateFailed, c.ProvisioningState)
			require.True(t, c.ProvisioningState.Terminal())
			require.Nil(t, c.Properties)
			e := c.ProvisioningErrors[0].Error
			require.Equal(t, "QuotaExceeded", e.Code)
			require.Equal(t, "vmSize", e.Target)
			require.Equal(t, "Inner", e.Details[0].Code)
			require.JSONEq(t, `{"policy":"p"}`, string(e.AdditionalInfo[0].Info))
		}},
		{"compute_vm_put.json", func(t *testing.T, c *Compute) {
			p, ok := c.Properties.(*VirtualMachineProperties)
			require.True(t, ok, "got %T", c.Properties)
			require.EqualValues(t, 22, p.SSHPort)
			require.Equal(t, "azureuser", p.AdministratorAccount.Username)
			require.Contains(t, p.AdministratorAccount.PrivateKeyData.Reveal(), "secret-key-body")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var r ComputeResource
			require.NoError(t, json.Unmarshal(readTestdata(t, tt.file), &r))
			require.NotNil(t, r.Properties)
			tt.check(t, r.Properties)
		})
	}
}

func TestComputeUnmarshalBadProperties(t *testing.T) {
	var r ComputeResource
	err := json.Unmarshal([]byte(`{"properties":{"computeType":"AmlCompute","properties":{"vmSize":7}}}`), &r)
	require.ErrorContains(t, err, "arm: AmlCompute properties")
}

func TestWireJSONRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		file string
	}{
		{"vm attach keeps the private key on the wire", "compute_vm_put.json"},
		{"unknown type sent back as received", "compute_unknown_get.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := readTestdata(t, tt.file)
			var r ComputeResource
			require.NoError(t, json.Unmarshal(in, &r))
			out, err := r.wireJSON()
			require.NoError(t, err)
			require.JSONEq(t, string(in), string(out))
		})
	}
}

func TestWireJSONAmlComputePut(t *testing.T) {
	pub := true
	r := &ComputeResource{Location: "eastus", Properties: &Compute{
		ComputeType: ComputeTypeAmlCompute, Description: "training cluster",
		Properties: &AmlComputeProperties{
			VMSize: "STANDARD_D2_V2", VMPriority: VMPriorityDedicated, OSType: "Linux",
			ScaleSettings:               &ScaleSettings{MaxNodeCount: 4, NodeIdleTimeBeforeScaleDown: "PT120S"},
			UserAccountCredentials:      &UserAccountCredentials{AdminUserName: "azureuser", AdminUserPassword: "p@ss-w0rd-xyz"},
			Subnet:                      &ResourceID{ID: "/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/default"},
			RemoteLoginPortPublicAccess: RemoteLoginPortPublicAccessNotSpecified, EnableNodePublicIP: &pub,
		},
	}}
	out, err := r.wireJSON()
	require.NoError(t, err)
	require.JSONEq(t, `{"location":"eastus","properties":{"computeType":"AmlCompute","description":"training cluster",
	  "properties":{"vmSize":"STANDARD_D2_V2","vmPriority":"Dedicated","osType":"Linux",
	    "scaleSettings":{"maxNodeCount":4,"minNodeCount":0,"nodeIdleTimeBeforeScaleDown":"PT120S"},
	    "userAccountCredentials":{"adminUserName":"azureuser","adminUserPassword":"p@ss-w0rd-xyz"},
	    "subnet":{"id":"/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/default"},
	    "remoteLoginPortPublicAccess":"NotSpecified","enableNodePublicIp":true}}}`, string(out))
}

func TestWireJSONDatabricksAndADLA(t *testing.T) {
	tests := []struct {
		props ComputeProperties
		want  string
	}{
		{&DatabricksProperties{DatabricksAccessToken: "dapi-secret-token", WorkspaceURL: "https://adb-1.azuredatabricks.net"},
			`{"databricksAccessToken":"dapi-secret-token","workspaceUrl":"https://adb-1.azuredatabricks.net"}`},
		{&DataLakeAnalyticsProperties{DataLakeStoreAccountName: "adls1"}, `{"dataLakeStoreAccountName":"adls1"}`},
		{&HDInsightProperties{Address: "hdi.example", SSHPort: 22, AdministratorAccount: &VirtualMachineSSHCredentials{Username: "u", Password: "hdi-pass"}},
			`{"address":"hdi.example","sshPort":22,"administratorAccount":{"username":"u","password":"hdi-pass"}}`},
	}
	for _, tt := range tests {
		t.Run(string(tt.props.ComputeType()), func(t *testing.T) {
			out, err := tt.props.wireJSON()
			require.NoError(t, err)
			require.JSONEq(t, tt.want, string(out))
		})
	}
}

func TestWorkspaceUnmarshal(t *testing.T) {
	var w Workspace
	require.NoError(t, json.Unmarshal(readTestdata(t, "workspace_get.json"), &w))
	require.Equal(t, "ws", w.Name)
	require.Equal(t, "eastus", w.Location)
	require.Equal(t, map[string]string{"team": "ml"}, w.Tags)
	p := w.Properties
	require.Equal(t, "https://eastus.api.azureml.ms/discovery", p.DiscoveryURL)
	require.Contains(t, p.StorageAccount, "storageAccounts/st")
	require.Contains(t, p.MLFlowTrackingURI, "azureml://")
	require.Equal(t, ProvisioningStateSucceeded, p.ProvisioningState)
	require.Equal(t, "5f3b6c1e-0000-0000-0000-000000000000", p.WorkspaceID)
}

func TestNodeListAndSecretsUnmarshal(t *testing.T) {
	var nl NodeList
	require.NoError(t, json.Unmarshal(readTestdata(t, "listnodes.json"), &nl))
	require.Equal(t, []AmlComputeNodeInformation{{NodeID: "tvm-1", PrivateIPAddress: "10.0.0.5", PublicIPAddress: "52.1.2.3", Port: 50000, NodeState: NodeStateRunning, RunID: "run-1"}}, nl.Nodes)
	require.Contains(t, nl.NextLink, "$skiptoken=abc")

	var s ComputeSecrets
	require.NoError(t, json.Unmarshal(readTestdata(t, "listkeys_databricks.json"), &s))
	require.Equal(t, ComputeTypeDatabricks, s.ComputeType)
	require.Equal(t, "dapi0123456789abcdef", s.DatabricksAccessToken.Reveal())
}

func TestScaleUpdateBody(t *testing.T) {
	b, err := json.Marshal(NewScaleUpdate(ScaleSettings{MaxNodeCount: 8, MinNodeCount: 1, NodeIdleTimeBeforeScaleDown: "PT5M"}))
	require.NoError(t, err)
	require.JSONEq(t, `{"properties":{"properties":{"scaleSettings":{"maxNodeCount":8,"minNodeCount":1,"nodeIdleTimeBeforeScaleDown":"PT5M"}}}}`, string(b))
}
