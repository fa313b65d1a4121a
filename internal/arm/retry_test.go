package arm_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

func TestReadsRetried(t *testing.T) {
	tests := []struct {
		name      string
		fault     func(s *workspacetest.Server, path string)
		wantTries int
		minGap    time.Duration
	}{
		{"429 waits for Retry-After", func(s *workspacetest.Server, p string) { s.Faults().Throttle(http.MethodGet, p, 1, time.Second) }, 2, time.Second},
		{"500 twice", func(s *workspacetest.Server, p string) { s.Faults().ServerError(http.MethodGet, p, 2) }, 3, 0},
		{"dropped connection", func(s *workspacetest.Server, p string) { s.Faults().DropConnection(http.MethodGet, p, 1) }, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s, ws := newEmulator(t, nil, nil)
			tt.fault(s, ws.String())
			_, err := c.GetWorkspace(t.Context(), ws)
			require.NoError(t, err)
			reqs := s.Requests()
			require.Len(t, reqs, tt.wantTries)
			require.Equal(t, http.StatusOK, reqs[len(reqs)-1].Status)
			require.GreaterOrEqual(t, reqs[1].Time.Sub(reqs[0].Time), tt.minGap)
			id := reqs[0].Header.Get("x-ms-client-request-id")
			for _, r := range reqs {
				require.Equal(t, id, r.Header.Get("x-ms-client-request-id"), "one request id across the tries of one call")
			}
		})
	}
}

func TestRetriesGiveUp(t *testing.T) {
	c, s, ws := newEmulator(t, nil, func(o *arm.ClientOptions) { o.Retry.MaxRetries = 2 })
	s.Faults().ServerError(http.MethodGet, ws.String(), 10)
	_, err := c.GetWorkspace(t.Context(), ws)
	re := responseError(t, err)
	require.Equal(t, http.StatusInternalServerError, re.StatusCode)
	require.Equal(t, "InternalServerError", re.ErrorCode)
	require.Len(t, s.Requests(), 3, "one try and MaxRetries retries")
}

// TestDroppedConnectionRetriedForReadsOnly: after a connection dropped with
// no response, reads are sent again, writes are not (the service may have
// carried them out); a status response (429, 500) means the service did
// not act, so writes are retried then too.
func TestDroppedConnectionRetriedForReadsOnly(t *testing.T) {
	vm := &arm.ComputeResource{Location: "eastus", Properties: &arm.Compute{ComputeType: arm.ComputeTypeVirtualMachine,
		Properties: &arm.VirtualMachineProperties{Address: "10.0.0.4", SSHPort: 22,
			AdministratorAccount: &arm.VirtualMachineSSHCredentials{Username: "u", Password: "pw-1"}}}}
	calls := map[string]func(ctx context.Context, c *arm.Client, ws arm.WorkspaceID) error{
		http.MethodPut: func(ctx context.Context, c *arm.Client, ws arm.WorkspaceID) error {
			_, err := c.BeginCreateOrUpdateCompute(ctx, ws, "vm1", vm, nil)
			return err
		},
		http.MethodPatch: func(ctx context.Context, c *arm.Client, ws arm.WorkspaceID) error {
			_, err := c.BeginUpdateCompute(ctx, ws, "vm1", arm.NewScaleUpdate(arm.ScaleSettings{MaxNodeCount: 2}), nil)
			return err
		},
		http.MethodDelete: func(ctx context.Context, c *arm.Client, ws arm.WorkspaceID) error {
			_, err := c.BeginDeleteCompute(ctx, ws, "vm1", arm.UnderlyingResourceActionDetach, nil)
			return err
		},
		"POST listKeys": func(ctx context.Context, c *arm.Client, ws arm.WorkspaceID) error {
			_, err := c.ListComputeKeys(ctx, ws, "vm1")
			return err
		},
		"POST listNodes": func(ctx context.Context, c *arm.Client, ws arm.WorkspaceID) error {
			_, err := c.NewListNodesPager(ws, "vm1").NextPage(ctx)
			return err
		},
	}
	tests := []struct {
		call   string
		method string
		tries  int
	}{
		{http.MethodPut, http.MethodPut, 1},
		{http.MethodPatch, http.MethodPatch, 1},
		{http.MethodDelete, http.MethodDelete, 1},
		{"POST listKeys", http.MethodPost, 2},
		{"POST listNodes", http.MethodPost, 2},
	}
	for _, tt := range tests {
		t.Run(tt.call, func(t *testing.T) {
			c, s, ws := newEmulator(t, nil, nil)
			s.Faults().DropConnection(tt.method, ws.ComputeID("vm1"), 1)
			err := calls[tt.call](t.Context(), c, ws)
			// the emulator records a dropped request after closing the
			// connection, so the client may return first: wait for the
			// record, then make sure no further try follows
			require.Eventually(t, func() bool { return len(requestsTo(s, tt.method, "")) >= tt.tries }, 2*time.Second, 10*time.Millisecond)
			time.Sleep(100 * time.Millisecond)
			require.Len(t, requestsTo(s, tt.method, ""), tt.tries)
			if tt.tries == 1 {
				require.ErrorContains(t, err, "not sent again")
			}
		})
	}
}

func TestWritesRetriedAfterStatusResponses(t *testing.T) {
	tests := []struct {
		name  string
		fault func(s *workspacetest.Server, p string)
	}{
		{"429", func(s *workspacetest.Server, p string) { s.Faults().Throttle(http.MethodPut, p, 1, time.Second) }},
		{"500", func(s *workspacetest.Server, p string) { s.Faults().ServerError(http.MethodPut, p, 1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s, ws := newEmulator(t, nil, nil)
			tt.fault(s, ws.ComputeID("dl1"))
			_, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "dl1", dataLake("adls1"), nil)
			puts := requestsTo(s, http.MethodPut, "/dl1")
			require.Len(t, puts, 2)
			require.NotEqual(t, http.StatusOK, puts[0].Status)
			require.NoError(t, err)
		})
	}
}

func dataLake(account string) *arm.ComputeResource {
	return &arm.ComputeResource{Location: "eastus", Properties: &arm.Compute{ComputeType: arm.ComputeTypeDataLakeAnalytics,
		ResourceID: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.DataLakeAnalytics/accounts/" + account,
		Properties: &arm.DataLakeAnalyticsProperties{DataLakeStoreAccountName: account}}}
}
