package arm_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// pollFast asks for a 10ms poll interval: any Retry-After must override it.
var pollFast = runtime.PollUntilDoneOptions{Frequency: 10 * time.Millisecond}

func vmAttach(name string, cred arm.VirtualMachineSSHCredentials) *arm.ComputeResource {
	return &arm.ComputeResource{Location: "eastus", Properties: &arm.Compute{ComputeType: arm.ComputeTypeVirtualMachine,
		ResourceID: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + name,
		Properties: &arm.VirtualMachineProperties{Address: "10.0.0.4", SSHPort: 22, AdministratorAccount: &cred}}}
}

func amlCluster(maxNodes int32) *arm.ComputeResource {
	return &arm.ComputeResource{Location: "eastus", Properties: &arm.Compute{ComputeType: arm.ComputeTypeAmlCompute,
		Description: "training cluster", Properties: &arm.AmlComputeProperties{
			VMSize: "STANDARD_D2_V2", VMPriority: arm.VMPriorityDedicated,
			ScaleSettings: &arm.ScaleSettings{MaxNodeCount: maxNodes, NodeIdleTimeBeforeScaleDown: "PT120S"}}}}
}

// pollsAfter returns the requests that came after the first request with
// method to a path ending in suffix (the operation's start).
func pollsAfter(s *workspacetest.Server, method, suffix string) (start workspacetest.Request, polls []workspacetest.Request) {
	reqs := s.Requests()
	for i, r := range reqs {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) {
			return r, reqs[i+1:]
		}
	}
	return workspacetest.Request{}, nil
}

func TestCreateAmlComputeHonoursRetryAfter(t *testing.T) {
	const delay, retryAfter = 3 * time.Second, time.Second
	c, s, ws := newEmulator(t, &workspacetest.Options{ProvisioningDelay: delay, RetryAfter: retryAfter}, nil)
	p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "cpu-cluster", amlCluster(4), nil)
	require.NoError(t, err)
	res, err := p.PollUntilDone(t.Context(), &pollFast)
	require.NoError(t, err)
	require.Equal(t, "cpu-cluster", res.Name)
	require.Equal(t, arm.ProvisioningStateSucceeded, res.Properties.ProvisioningState)
	aml, ok := res.Properties.Properties.(*arm.AmlComputeProperties)
	require.True(t, ok, "%T", res.Properties.Properties)
	require.EqualValues(t, 4, aml.ScaleSettings.MaxNodeCount)

	start, after := pollsAfter(s, http.MethodPut, "/cpu-cluster")
	require.Equal(t, http.StatusCreated, start.Status)
	require.Len(t, requestsTo(s, http.MethodPut, "/cpu-cluster"), 1, "the create is sent once")
	var polls []workspacetest.Request
	for _, r := range after {
		if r.Method == http.MethodGet && !strings.HasSuffix(r.Path, "/cpu-cluster") {
			polls = append(polls, r)
		}
	}
	// Retry-After asks for one poll per second over a 3s provisioning:
	// at most delay/retryAfter + 1 polls, each at least Retry-After apart.
	require.NotEmpty(t, polls)
	require.LessOrEqual(t, len(polls), int(delay/retryAfter)+1)
	prev := start
	for _, r := range polls {
		require.GreaterOrEqual(t, r.Time.Sub(prev.Time), retryAfter-50*time.Millisecond)
		prev = r
	}
	final := after[len(after)-1]
	require.Equal(t, http.MethodGet, final.Method)
	require.True(t, strings.HasSuffix(final.Path, "/computes/cpu-cluster"), "final GET on the resource, got %s", final.Path)
}

func TestCreateFailedProvisioningCarriesARMCode(t *testing.T) {
	c, s, ws := newEmulator(t, &workspacetest.Options{ProvisioningDelay: time.Second}, nil)
	s.Faults().FailNextCreate("bad-cluster")
	p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "bad-cluster", amlCluster(2), nil)
	require.NoError(t, err)
	_, err = p.PollUntilDone(t.Context(), &pollFast)
	re := responseError(t, err)
	require.Equal(t, "QuotaExceeded", re.ErrorCode)
	require.True(t, arm.HasCode(err, "QuotaExceeded"))

	got, err := c.GetCompute(t.Context(), ws, "bad-cluster")
	require.NoError(t, err)
	require.Equal(t, arm.ProvisioningStateFailed, got.Properties.ProvisioningState)
	require.Equal(t, "QuotaExceeded", got.Properties.ProvisioningErrors[0].Error.Code)
	require.Len(t, requestsTo(s, http.MethodPut, "/bad-cluster"), 1)
}

func TestPollStopsOnContext(t *testing.T) {
	c, s, ws := newEmulator(t, &workspacetest.Options{ProvisioningDelay: time.Minute}, nil)
	p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "slow", amlCluster(2), nil)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 1500*time.Millisecond)
	defer cancel()
	begun := time.Now()
	_, err = p.PollUntilDone(ctx, &pollFast)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(begun), 3*time.Second, "returned promptly")
	n := len(s.Requests())
	time.Sleep(1200 * time.Millisecond)
	require.Len(t, s.Requests(), n, "no poll after the context ended")
}

func TestResumeToken(t *testing.T) {
	c, s, ws := newEmulator(t, &workspacetest.Options{ProvisioningDelay: 2 * time.Second}, nil)
	p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "resumed", amlCluster(2), nil)
	require.NoError(t, err)
	token, err := p.ResumeToken()
	require.NoError(t, err)

	// a second client, as a later process would have
	c2, err := arm.NewClient(s.Credential(), emulatorOptions(s))
	require.NoError(t, err)
	p2, err := c2.BeginCreateOrUpdateCompute(t.Context(), arm.WorkspaceID{}, "", nil, &arm.BeginOptions{ResumeToken: token})
	require.NoError(t, err)
	res, err := p2.PollUntilDone(t.Context(), &pollFast)
	require.NoError(t, err)
	require.Equal(t, arm.ProvisioningStateSucceeded, res.Properties.ProvisioningState)
	require.Len(t, requestsTo(s, http.MethodPut, "/resumed"), 1, "resuming sends no second create")

	_, err = c2.BeginDeleteCompute(t.Context(), ws, "", "", &arm.BeginOptions{ResumeToken: token})
	require.Error(t, err, "a create token does not resume a delete")
}

func TestUpdateCompute(t *testing.T) {
	c, s, ws := newEmulator(t, &workspacetest.Options{ProvisioningDelay: time.Second}, nil)
	p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "upd-cluster", amlCluster(2), nil)
	require.NoError(t, err)
	_, err = p.PollUntilDone(t.Context(), &pollFast)
	require.NoError(t, err)

	up, err := c.BeginUpdateCompute(t.Context(), ws, "upd-cluster", arm.NewScaleUpdate(arm.ScaleSettings{MinNodeCount: 0, MaxNodeCount: 6, NodeIdleTimeBeforeScaleDown: "PT300S"}), nil)
	require.NoError(t, err)
	res, err := up.PollUntilDone(t.Context(), &pollFast)
	require.NoError(t, err)
	aml := res.Properties.Properties.(*arm.AmlComputeProperties)
	require.EqualValues(t, 6, aml.ScaleSettings.MaxNodeCount)
	require.Len(t, requestsTo(s, http.MethodPatch, "/upd-cluster"), 1)
}

func TestDeleteCompute(t *testing.T) {
	tests := []struct {
		action   arm.UnderlyingResourceAction
		resource *arm.ComputeResource
	}{
		{arm.UnderlyingResourceActionDetach, vmAttach("vm1", arm.VirtualMachineSSHCredentials{Username: "u", Password: "pw"})},
		{arm.UnderlyingResourceActionDelete, amlCluster(2)},
	}
	for _, tt := range tests {
		action := tt.action
		t.Run(string(action), func(t *testing.T) {
			c, s, ws := newEmulator(t, &workspacetest.Options{ProvisioningDelay: time.Second}, nil)
			p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "vm1", tt.resource, nil)
			require.NoError(t, err)
			_, err = p.PollUntilDone(t.Context(), &pollFast)
			require.NoError(t, err)

			d, err := c.BeginDeleteCompute(t.Context(), ws, "vm1", action, nil)
			require.NoError(t, err)
			_, err = d.PollUntilDone(t.Context(), &pollFast)
			require.NoError(t, err)
			dels := requestsTo(s, http.MethodDelete, "/vm1")
			require.Len(t, dels, 1)
			require.Equal(t, []string{string(action)}, dels[0].Query["underlyingResourceAction"])
			_, err = c.GetCompute(t.Context(), ws, "vm1")
			require.True(t, arm.IsNotFound(err), "got %v", err)
		})
	}
}

func TestBeginValidation(t *testing.T) {
	c, s, ws := newEmulator(t, nil, nil)
	var ve *arm.ValidationError
	_, err := c.BeginDeleteCompute(t.Context(), ws, "x1", "Destroy", nil)
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "underlyingResourceAction", ve.Field)
	_, err = c.BeginCreateOrUpdateCompute(t.Context(), ws, "x1", &arm.ComputeResource{}, nil)
	require.ErrorAs(t, err, &ve)
	_, err = c.BeginUpdateCompute(t.Context(), ws, "x1", nil, nil)
	require.ErrorAs(t, err, &ve)
	_, err = c.GetCompute(t.Context(), ws, "a/b")
	require.ErrorAs(t, err, &ve)
	require.Empty(t, s.Requests())
}

func TestDuplicateAttachConflicts(t *testing.T) {
	c, s, ws := newEmulator(t, &workspacetest.Options{ProvisioningDelay: time.Second}, nil)
	p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "vm1", vmAttach("vm1", arm.VirtualMachineSSHCredentials{Username: "u", Password: "pw"}), nil)
	require.NoError(t, err)
	_, err = p.PollUntilDone(t.Context(), &pollFast)
	require.NoError(t, err)
	_, err = c.BeginCreateOrUpdateCompute(t.Context(), ws, "vm1", vmAttach("vm1", arm.VirtualMachineSSHCredentials{Username: "u", Password: "pw"}), nil)
	re := responseError(t, err)
	require.Equal(t, http.StatusConflict, re.StatusCode)
	require.Equal(t, "Conflict", re.ErrorCode)
	require.Len(t, requestsTo(s, http.MethodPut, "/vm1"), 2, "one attach, one duplicate; the 409 is not retried")
	require.False(t, errors.Is(err, context.Canceled))
}
