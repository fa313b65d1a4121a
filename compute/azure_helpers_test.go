package compute_test

import (
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// azureWorkspace starts an emulator (fast provisioning, 1 s Retry-After)
// and returns an Azure workspace pointed at it, not yet read (as from
// FromConfig).
func azureWorkspace(t *testing.T, opts *workspacetest.Options) (*workspace.Workspace, *workspacetest.Server) {
	t.Helper()
	if opts == nil {
		opts = &workspacetest.Options{}
	}
	if opts.Workspace == "" {
		opts.Workspace = "ml-ws"
	}
	if opts.ProvisioningDelay == 0 {
		opts.ProvisioningDelay = 1500 * time.Millisecond
	}
	s := workspacetest.NewServer(opts)
	t.Cleanup(s.Close)
	ws, err := workspace.Get(t.Context(), subscriptionOf(s), "rg", opts.Workspace, getOptions(s))
	require.NoError(t, err)
	return ws, s
}

func getOptions(s *workspacetest.Server) *workspace.GetOptions {
	o := &workspace.GetOptions{Credential: s.Credential()}
	o.ClientOptions.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: s.URL(), Audience: "https://management.azure.com"},
	}}
	o.ClientOptions.Transport = s.Client()
	o.ClientOptions.Retry.RetryDelay = 10 * time.Millisecond
	o.ClientOptions.Retry.MaxRetryDelay = 3 * time.Second
	return o
}

func subscriptionOf(s *workspacetest.Server) string { return strings.Split(s.WorkspaceID(), "/")[2] }

// requestsAfter returns the requests recorded after the first n.
func requestsAfter(s *workspacetest.Server, n int) []workspacetest.Request {
	return s.Requests()[n:]
}
