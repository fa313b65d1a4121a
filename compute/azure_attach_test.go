package compute_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

func TestAttachOnAzure(t *testing.T) {
	ws, s := azureWorkspace(t, nil)
	sub := subscriptionOf(s)
	rid := func(rt, name string) string {
		return "/subscriptions/" + sub + "/resourceGroups/rg/providers/" + rt + "/" + name
	}
	tests := []struct {
		name   string
		cfg    compute.AzureAttachConfig
		secret string
		want   any
	}{
		{"my-vm", &compute.VirtualMachineAttachConfig{ResourceID: rid("Microsoft.Compute/virtualMachines", "vm"),
			Address: "10.0.0.4", Username: "azureuser", PrivateKey: "-----BEGIN KEY s3cret-key"}, "s3cret-key", &compute.RemoteVM{}},
		{"my-hdi", &compute.HDInsightClusterAttachConfig{ResourceID: rid("Microsoft.HDInsight/clusters", "hdi"),
			Address: "hdi-ssh.azurehdinsight.net", Username: "sshuser", Password: "s3cret-pw"}, "s3cret-pw", &compute.HDInsight{}},
		{"my-dbr", &compute.DatabricksAttachConfig{ResourceID: rid("Microsoft.Databricks/workspaces", "dbr"),
			WorkspaceURL: "https://adb-1.azuredatabricks.net", AccessToken: "dapi-s3cret"}, "dapi-s3cret", &compute.Databricks{}},
		{"my-adla", &compute.DataLakeAnalyticsAttachConfig{ResourceGroup: "rg", AccountName: "adla"}, "", &compute.DataLakeAnalytics{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op, err := compute.Attach(t.Context(), ws, tt.name, tt.cfg)
			require.NoError(t, err)
			target, err := op.WaitForCompletion(t.Context(), nil)
			require.NoError(t, err)
			require.IsType(t, tt.want, target)
			require.Equal(t, tt.cfg.Kind(), target.Kind())
			got, err := compute.Get(t.Context(), ws, tt.name)
			require.NoError(t, err)
			require.IsType(t, tt.want, got)
			if tt.secret != "" {
				require.NotContains(t, fmt.Sprintf("%v %+v %#v", tt.cfg, tt.cfg, tt.cfg), tt.secret)
				put := s.Requests()
				for _, r := range put {
					if r.Method == http.MethodPut && r.Path == "/subscriptions/"+sub+"/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ml-ws/computes/"+tt.name {
						require.Contains(t, string(r.Body), tt.secret, "the secret goes into the PUT body")
					}
				}
			}
			_, err = compute.Attach(t.Context(), ws, tt.name, tt.cfg)
			require.ErrorIs(t, err, compute.ErrConflict)

			require.NoError(t, compute.Detach(t.Context(), ws, tt.name))
			require.Equal(t, []string{"Detach"}, lastDelete(s).Query["underlyingResourceAction"])
			_, err = compute.Get(t.Context(), ws, tt.name)
			require.ErrorIs(t, err, compute.ErrNotFound)
		})
	}
}

func TestAttachValidatesBeforeAnyCall(t *testing.T) {
	ws, s := azureWorkspace(t, nil)
	before := len(s.Requests())
	tests := []struct {
		cfg   compute.AzureAttachConfig
		field string
	}{
		{&compute.VirtualMachineAttachConfig{Username: "u", Password: "p"}, "resource_id"},
		{&compute.VirtualMachineAttachConfig{ResourceID: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/x", Username: "u", Password: "p"}, "resource_id"},
		{&compute.VirtualMachineAttachConfig{Address: "h", SSHPort: 70000, Username: "u", Password: "p"}, "ssh_port"},
		{&compute.HDInsightClusterAttachConfig{Address: "h", Password: "p"}, "username"},
		{&compute.HDInsightClusterAttachConfig{Address: "h", Username: "u"}, "password"},
		{&compute.DatabricksAttachConfig{ResourceID: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Databricks/workspaces/w"}, "access_token"},
		{&compute.DataLakeAnalyticsAttachConfig{ResourceGroup: "rg"}, "account_name"},
	}
	for _, tt := range tests {
		_, err := compute.Attach(t.Context(), ws, "target", tt.cfg)
		var ae *compute.AttachConfigError
		require.ErrorAs(t, err, &ae, tt.field)
		require.Equal(t, tt.field, ae.Field)
	}
	_, err := compute.Attach(t.Context(), ws, "target", &compute.BatchAttachConfig{ResourceGroup: "rg", AccountName: "batch"})
	var ns *compute.NotSupportedError
	require.ErrorAs(t, err, &ns)
	require.ErrorIs(t, err, compute.ErrNotSupported)
	_, err = compute.AttachBatch(t.Context(), ws, "target", &compute.BatchAttachConfig{ResourceGroup: "rg", AccountName: "batch"})
	require.ErrorIs(t, err, compute.ErrNotSupported)
	require.Len(t, s.Requests(), before, "nothing sent")
}

func TestAttachBatchInLocalWorkspace(t *testing.T) {
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: t.TempDir()})
	require.NoError(t, err)
	cfg := &compute.BatchAttachConfig{ResourceGroup: "rg", AccountName: "mybatch"}
	r, err := compute.AttachBatch(t.Context(), ws, "batch-pool", cfg)
	require.NoError(t, err)
	require.Equal(t, compute.KindBatch, r.Kind())
	got, err := compute.Get(t.Context(), ws, "batch-pool")
	require.NoError(t, err)
	reg, ok := got.(*compute.Registered)
	require.True(t, ok)
	require.Equal(t, "mybatch", reg.Properties()["account_name"])
	_, err = compute.AttachBatch(t.Context(), ws, "batch-pool", cfg)
	require.ErrorIs(t, err, compute.ErrConflict)
	require.NoError(t, compute.Detach(t.Context(), ws, "batch-pool"))
}

func TestRunBasedClusterFor(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(rc *runconfig.RunConfiguration)
		want  *compute.RunBasedCluster
		field string
	}{
		{"sized", func(rc *runconfig.RunConfiguration) {
			rc.AmlCompute.VMSize, rc.AmlCompute.ClusterMaxNodeCount = "STANDARD_D2_V2", 3
		}, &compute.RunBasedCluster{Name: "runexp1700000000abcd1234", Config: &compute.AmlComputeProvisioningConfig{
			VMSize: "STANDARD_D2_V2", MaxNodes: 3, Description: "created for run exp_1700000000_abcd1234"}}, ""},
		{"node count, named, retained, low priority", func(rc *runconfig.RunConfiguration) {
			rc.AmlCompute.VMSize, rc.NodeCount = "STANDARD_NC6", 2
			rc.AmlCompute.Name, rc.AmlCompute.RetainCluster, rc.AmlCompute.VMPriority = "gpu-run", true, runconfig.VMPriorityLowPriority
		}, &compute.RunBasedCluster{Name: "gpu-run", Retain: true, Config: &compute.AmlComputeProvisioningConfig{
			VMSize: "STANDARD_NC6", VMPriority: compute.VMPriorityLowPriority, MaxNodes: 2,
			Description: "created for run exp_1700000000_abcd1234"}}, ""},
		{"no size", func(*runconfig.RunConfiguration) {}, nil, "amlcompute.vm_size"},
		{"negative max", func(rc *runconfig.RunConfiguration) {
			rc.AmlCompute.VMSize, rc.AmlCompute.ClusterMaxNodeCount = "STANDARD_D2_V2", -1
		}, nil, "amlcompute.cluster_max_node_count"},
		{"other target", func(rc *runconfig.RunConfiguration) { rc.Target = "local" }, nil, "target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := runconfig.New()
			rc.Target = runconfig.TargetAmlCompute
			tt.edit(rc)
			got, err := compute.RunBasedClusterFor(rc, "exp_1700000000_abcd1234")
			if tt.field != "" {
				var pe *compute.ProvisioningConfigError
				require.ErrorAs(t, err, &pe)
				require.Equal(t, tt.field, pe.Field)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
			require.NoError(t, compute.ValidateName(got.Name))
		})
	}
}
