package arm_test

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// fastRetry keeps retry back-off short (Retry-After still rules when sent).
var fastRetry = 10 * time.Millisecond

// newEmulator starts a workspacetest server and a client pointed at it.
// edit, when set, changes the client options before the client is built.
func newEmulator(t *testing.T, opts *workspacetest.Options, edit func(*arm.ClientOptions)) (*arm.Client, *workspacetest.Server, arm.WorkspaceID) {
	t.Helper()
	s := workspacetest.NewServer(opts)
	t.Cleanup(s.Close)
	o := emulatorOptions(s)
	if edit != nil {
		edit(o)
	}
	c, err := arm.NewClient(s.Credential(), o)
	require.NoError(t, err)
	return c, s, parseWorkspaceID(t, s.WorkspaceID())
}

// emulatorOptions points a client at s.
func emulatorOptions(s *workspacetest.Server) *arm.ClientOptions {
	o := &arm.ClientOptions{}
	o.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: s.URL(), Audience: "https://management.azure.com"},
	}}
	o.Transport = s.Client()
	o.Retry.RetryDelay = fastRetry
	o.Retry.MaxRetryDelay = 5 * time.Second
	return o
}

func parseWorkspaceID(t *testing.T, id string) arm.WorkspaceID {
	t.Helper()
	p := strings.Split(id, "/")
	require.Len(t, p, 9, id)
	return arm.WorkspaceID{SubscriptionID: p[2], ResourceGroup: p[4], Name: p[8]}
}

// requestsTo returns the recorded requests with method and a path ending in suffix.
func requestsTo(s *workspacetest.Server, method, suffix string) []workspacetest.Request {
	var out []workspacetest.Request
	for _, r := range s.Requests() {
		if r.Method == method && strings.HasSuffix(strings.ToLower(r.Path), strings.ToLower(suffix)) {
			out = append(out, r)
		}
	}
	return out
}

// responseError asserts err is an *azcore.ResponseError and returns it.
func responseError(t *testing.T, err error) *azcore.ResponseError {
	t.Helper()
	var re *azcore.ResponseError
	require.ErrorAs(t, err, &re)
	return re
}

// newServerOnly starts an emulator without a client.
func newServerOnly(t *testing.T) *workspacetest.Server {
	t.Helper()
	s := workspacetest.NewServer(nil)
	t.Cleanup(s.Close)
	return s
}

// staticCredential returns a fixed token.
type staticCredential string

func (s staticCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: string(s), ExpiresOn: time.Now().Add(time.Hour)}, nil
}
