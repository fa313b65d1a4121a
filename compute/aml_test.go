package compute_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

func validCluster() *compute.AmlComputeProvisioningConfig {
	return &compute.AmlComputeProvisioningConfig{VMSize: "STANDARD_D2_V2", MaxNodes: 3, IdleSecondsBeforeScaleDown: 300,
		AdminUsername: "azureuser", AdminUserPassword: "s3cret-Passw0rd", Tags: map[string]string{"team": "ml"},
		Description: "training cluster"}
}

func TestCreateAmlComputeLifecycle(t *testing.T) {
	ws, s := azureWorkspace(t, nil)
	var out bytes.Buffer
	op, err := compute.CreateAmlCompute(t.Context(), ws, "cpu-cluster", validCluster())
	require.NoError(t, err)
	c, err := op.WaitForCompletion(t.Context(), &out)
	require.NoError(t, err)
	require.Equal(t, "cpu-cluster", c.Name())
	require.Equal(t, compute.KindAmlCompute, c.Kind())
	require.Equal(t, "Succeeded", c.Status().ProvisioningState)
	require.Equal(t, compute.ScaleSettings{MinNodes: 0, MaxNodes: 3, IdleSecondsBeforeScaleDown: 300}, c.ScaleSettings())
	require.Equal(t, "ml", c.Tags()["team"])
	require.True(t, strings.HasPrefix(out.String(), "Creating"), out.String())
	require.Contains(t, out.String(), "Succeeded\nAmlCompute wait for completion finished\nSucceeded, allocation Steady, current nodes 0, target nodes 0")
	require.NotContains(t, out.String(), "s3cret")

	// The password went into the PUT body, and only there.
	var puts int
	for _, r := range s.Requests() {
		if r.Method == http.MethodPut {
			puts++
			require.Contains(t, string(r.Body), "s3cret-Passw0rd")
		} else {
			require.NotContains(t, string(r.Body), "s3cret")
		}
	}
	require.Equal(t, 1, puts)

	got, err := compute.Get(t.Context(), ws, "cpu-cluster")
	require.NoError(t, err)
	require.IsType(t, &compute.AmlCompute{}, got)
	all, err := compute.List(t.Context(), ws)
	require.NoError(t, err)
	require.Equal(t, []string{"local", "cpu-cluster"}, names(all))

	require.NoError(t, s.SetClusterDemand("cpu-cluster", 2))
	st, err := c.GetStatus(t.Context())
	require.NoError(t, err)
	require.Equal(t, 2, st.TargetNodeCount)
	nodes, err := c.ListNodes(t.Context())
	require.NoError(t, err)
	require.Len(t, nodes, st.CurrentNodeCount)

	one, five := 1, 5
	uop, err := c.Update(t.Context(), &compute.AmlComputeUpdate{MinNodes: &one, MaxNodes: &five})
	require.NoError(t, err)
	updated, err := uop.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err)
	require.Equal(t, compute.ScaleSettings{MinNodes: 1, MaxNodes: 5, IdleSecondsBeforeScaleDown: 300}, updated.ScaleSettings())

	dop, err := c.Delete(t.Context())
	require.NoError(t, err)
	res, err := dop.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err)
	require.Equal(t, &compute.DeleteResult{Name: "cpu-cluster", Action: "Delete"}, res)
	require.Equal(t, []string{"Delete"}, lastDelete(s).Query["underlyingResourceAction"])
	_, err = compute.Get(t.Context(), ws, "cpu-cluster")
	require.ErrorIs(t, err, compute.ErrNotFound)
}

func names(ts []compute.Target) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Name())
	}
	return out
}

func lastDelete(s *workspacetest.Server) workspacetest.Request {
	var last workspacetest.Request
	for _, r := range s.Requests() {
		if r.Method == http.MethodDelete {
			last = r
		}
	}
	return last
}

func TestCreateAmlComputeValidatesBeforeAnyCall(t *testing.T) {
	ws, s := azureWorkspace(t, nil)
	before := len(s.Requests())
	tests := []struct {
		name  string
		edit  func(*compute.AmlComputeProvisioningConfig)
		field string
	}{
		{"no vm size", func(c *compute.AmlComputeProvisioningConfig) { c.VMSize = "" }, "vm_size"},
		{"priority", func(c *compute.AmlComputeProvisioningConfig) { c.VMPriority = "spot" }, "vm_priority"},
		{"min above max", func(c *compute.AmlComputeProvisioningConfig) { c.MinNodes = 4 }, "min_nodes"},
		{"negative max", func(c *compute.AmlComputeProvisioningConfig) { c.MaxNodes = -1 }, "max_nodes"},
		{"idle", func(c *compute.AmlComputeProvisioningConfig) { c.IdleSecondsBeforeScaleDown = -5 }, "idle_seconds_before_scaledown"},
		{"password without user", func(c *compute.AmlComputeProvisioningConfig) { c.AdminUsername = "" }, "admin_username"},
		{"user without secret", func(c *compute.AmlComputeProvisioningConfig) { c.AdminUserPassword = "" }, "admin_user_password"},
		{"bad ssh key", func(c *compute.AmlComputeProvisioningConfig) { c.AdminUserSSHKey = "not a key" }, "admin_user_ssh_key"},
		{"partial vnet", func(c *compute.AmlComputeProvisioningConfig) { c.VNetName = "vnet" }, "vnet_resourcegroup_name"},
		{"remote login", func(c *compute.AmlComputeProvisioningConfig) { c.RemoteLoginPortPublicAccess = "Open" }, "remote_login_port_public_access"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := validCluster()
			tt.edit(cfg)
			_, err := compute.CreateAmlCompute(t.Context(), ws, "cpu-cluster", cfg)
			var pe *compute.ProvisioningConfigError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tt.field, pe.Field)
			require.Contains(t, err.Error(), "compute: provisioning configuration "+tt.field)
			require.NotContains(t, err.Error(), "s3cret")
		})
	}
	_, err := compute.CreateAmlCompute(t.Context(), ws, "cpu-1", validCluster())
	var ne *compute.NameError
	require.ErrorAs(t, err, &ne)
	require.Contains(t, err.Error(), "3 to 24 characters")
	require.Len(t, s.Requests(), before, "nothing sent")
}

func TestCreateAmlComputeFaults(t *testing.T) {
	tests := []struct {
		name   string
		inject func(s *workspacetest.Server)
		check  func(t *testing.T, s *workspacetest.Server, err error)
	}{
		{"throttled then created", func(s *workspacetest.Server) {
			s.Faults().Throttle(http.MethodPut, "", 1, 0)
		}, func(t *testing.T, s *workspacetest.Server, err error) {
			require.NoError(t, err)
			require.Equal(t, 2, count(s, http.MethodPut))
		}},
		{"server error on a poll", func(s *workspacetest.Server) {
			s.Faults().ServerError(http.MethodGet, "/subscriptions/"+subscriptionOf(s)+"/providers", 1)
		}, func(t *testing.T, s *workspacetest.Server, err error) {
			require.NoError(t, err)
			require.Equal(t, 1, count(s, http.MethodPut))
		}},
		{"provisioning fails", func(s *workspacetest.Server) {
			s.Faults().FailNextCreate("cpu-cluster", workspacetest.ErrorDetail{Code: "QuotaExceeded", Message: "quota of 0 cores"},
				workspacetest.ErrorDetail{Code: "NodeSetupFailed", Message: "image pull"})
		}, func(t *testing.T, s *workspacetest.Server, err error) {
			var pe *compute.ProvisioningError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, "QuotaExceeded", pe.Code)
			require.Equal(t, "Failed", pe.State)
			require.Len(t, pe.Errors, 2)
			var re *azcore.ResponseError
			require.ErrorAs(t, err, &re)
			require.Contains(t, err.Error(), "NodeSetupFailed: image pull")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, s := azureWorkspace(t, nil)
			tt.inject(s)
			op, err := compute.CreateAmlCompute(t.Context(), ws, "cpu-cluster", validCluster())
			require.NoError(t, err)
			var out bytes.Buffer
			_, err = op.WaitForCompletion(t.Context(), &out)
			tt.check(t, s, err)
			require.NotContains(t, out.String()+fmt.Sprint(err), "s3cret")
		})
	}
}

func count(s *workspacetest.Server, method string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method == method {
			n++
		}
	}
	return n
}

func TestAzureErrorsAreTyped(t *testing.T) {
	ws, s := azureWorkspace(t, nil)
	_, err := compute.Get(t.Context(), ws, "missing")
	require.ErrorIs(t, err, compute.ErrNotFound)
	var re *azcore.ResponseError
	require.ErrorAs(t, err, &re)
	require.Equal(t, http.StatusNotFound, re.StatusCode)

	_, err = compute.CreateAmlCompute(t.Context(), ws, "cpu-cluster", &compute.AmlComputeProvisioningConfig{VMSize: "NO_SUCH_SIZE"})
	var se *compute.ServiceError
	require.ErrorAs(t, err, &se)
	require.Equal(t, http.StatusBadRequest, se.StatusCode)
	require.Contains(t, se.Message, "NO_SUCH_SIZE")
	require.False(t, errors.Is(err, compute.ErrNotFound))
	_ = s
}

func TestAmlComputeConfigPrintsNoPassword(t *testing.T) {
	cfg := validCluster()
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		require.NotContains(t, fmt.Sprintf(f, cfg), "s3cret", f)
		require.NotContains(t, fmt.Sprintf(f, *cfg), "s3cret", f)
	}
	b, err := cfg.MarshalJSON()
	require.NoError(t, err)
	require.NotContains(t, string(b), "s3cret")
	require.Contains(t, string(b), "REDACTED")
}
