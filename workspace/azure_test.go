package workspace_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// emulatorOptions points a workspace at s.
func emulatorOptions(s *workspacetest.Server) *workspace.GetOptions {
	o := &workspace.GetOptions{Credential: s.Credential()}
	o.ClientOptions.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: s.URL(), Audience: "https://management.azure.com"},
	}}
	o.ClientOptions.Transport = s.Client()
	o.ClientOptions.Retry.RetryDelay = 10 * time.Millisecond
	return o
}

// tokenFunc is a credential made of a function.
type tokenFunc func() (azcore.AccessToken, error)

func (f tokenFunc) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return f()
}

func TestGetReadsTheWorkspace(t *testing.T) {
	s := workspacetest.NewServer(&workspacetest.Options{Workspace: "ml-ws", ResourceGroup: "ml-rg", Location: "westeurope"})
	t.Cleanup(s.Close)
	opts := emulatorOptions(s)
	opts.APIVersion = "2025-12-01"

	w, err := workspace.Get(t.Context(), "00000000-0000-0000-0000-000000000000", "ml-rg", "ml-ws", opts)
	require.NoError(t, err)
	require.Equal(t, workspace.KindAzure, w.Kind())
	require.Equal(t, "westeurope", w.Location())
	p := w.Properties()
	require.NotNil(t, p)
	require.Equal(t, s.WorkspaceID(), p.ID)
	require.Equal(t, s.URL()+"/discovery", p.DiscoveryURL)
	require.Contains(t, p.StorageAccount, "/providers/Microsoft.Storage/storageAccounts/")
	require.Contains(t, p.KeyVault, "/providers/Microsoft.KeyVault/vaults/kv-ml-ws")
	require.True(t, strings.HasPrefix(p.MLflowTrackingURI, "azureml://"), p.MLflowTrackingURI)
	require.Equal(t, "Succeeded", p.ProvisioningState)
	require.Equal(t, w.ID(), p.ID)
	require.Equal(t, "2025-12-01", w.APIVersion())

	reqs := s.Requests()
	require.Len(t, reqs, 1)
	require.Equal(t, []string{"2025-12-01"}, reqs[0].Query["api-version"])

	cred, err := w.Credential()
	require.NoError(t, err)
	require.Equal(t, s.Credential(), cred)
	require.Equal(t, s.URL(), w.ClientOptions().Cloud.Services[cloud.ResourceManager].Endpoint)
}

func TestGetErrors(t *testing.T) {
	s := workspacetest.NewServer(&workspacetest.Options{Workspace: "my-ws"})
	t.Cleanup(s.Close)
	failing := tokenFunc(func() (azcore.AccessToken, error) {
		return azcore.AccessToken{}, errors.New("no managed identity endpoint")
	})
	wrong := tokenFunc(func() (azcore.AccessToken, error) {
		return azcore.AccessToken{Token: "not-the-servers", ExpiresOn: time.Now().Add(time.Hour)}, nil
	})
	tests := []struct {
		name      string
		ws        string
		cred      azcore.TokenCredential
		is        error
		status    int
		contains  string
		noRequest bool
	}{
		{name: "missing workspace", ws: "nope", is: workspace.ErrNotFound, status: 404, contains: "not found"},
		{name: "failing credential", ws: "my-ws", cred: failing, is: workspace.ErrUnauthorized,
			contains: "the credential failed to get a token", noRequest: true},
		{name: "refused token", ws: "my-ws", cred: wrong, is: workspace.ErrUnauthorized, status: 401,
			contains: "the service refused the credential's token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(s.Requests())
			opts := emulatorOptions(s)
			if tt.cred != nil {
				opts.Credential = tt.cred
			}
			_, err := workspace.Get(t.Context(), "00000000-0000-0000-0000-000000000000", "rg", tt.ws, opts)
			require.ErrorIs(t, err, tt.is)
			require.Contains(t, err.Error(), tt.contains)
			require.NotContains(t, err.Error(), "not-the-servers")
			var re *azcore.ResponseError
			require.Equal(t, tt.status != 0, errors.As(err, &re))
			if tt.status != 0 {
				require.Equal(t, tt.status, re.StatusCode)
			}
			var ae *workspace.AuthError
			if errors.As(err, &ae) {
				require.Equal(t, tt.status, ae.StatusCode)
			}
			require.Equal(t, tt.noRequest, len(s.Requests()) == before)
		})
	}
}

func TestGetValidatesBeforeAnyCall(t *testing.T) {
	s := workspacetest.NewServer(nil)
	t.Cleanup(s.Close)
	tests := []struct{ sub, group, name, field string }{
		{"", "rg", "ws", "subscription_id"},
		{"sub/x", "rg", "ws", "subscription_id"},
		{"sub", "", "ws", "resource_group"},
		{"sub", "rg", "a", "workspace_name"},
	}
	for _, tt := range tests {
		_, err := workspace.Get(t.Context(), tt.sub, tt.group, tt.name, emulatorOptions(s))
		var ve *workspace.ValidationError
		require.ErrorAs(t, err, &ve)
		require.Equal(t, tt.field, ve.Field)
	}
	require.Empty(t, s.Requests())
}

func TestFromConfigIsLazyUnlessFetch(t *testing.T) {
	s := workspacetest.NewServer(&workspacetest.Options{Workspace: "my-ws", Location: "northeurope"})
	t.Cleanup(s.Close)
	dir := t.TempDir()
	cfg := `{"Id": null, "Scope": "` + s.WorkspaceID() + `"}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o644))

	w, err := workspace.FromConfig(t.Context(), dir, &workspace.FromConfigOptions{Azure: emulatorOptions(s)})
	require.NoError(t, err)
	require.Empty(t, s.Requests())
	require.Nil(t, w.Properties())
	require.Empty(t, w.Location())

	fetched, err := w.Fetch(t.Context())
	require.NoError(t, err)
	require.Equal(t, "northeurope", fetched.Location())
	require.Empty(t, w.Location(), "the original handle is unchanged")

	w2, err := workspace.FromConfig(t.Context(), dir, &workspace.FromConfigOptions{Azure: emulatorOptions(s), Fetch: true})
	require.NoError(t, err)
	require.Equal(t, "northeurope", w2.Location())
	require.Len(t, s.Requests(), 2)
}

func TestLocalWorkspaceHasNoAzureAccess(t *testing.T) {
	w, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: t.TempDir()})
	require.NoError(t, err)
	_, err = w.Credential()
	require.ErrorIs(t, err, workspace.ErrNotAzure)
	_, err = w.Fetch(t.Context())
	require.ErrorIs(t, err, workspace.ErrNotAzure)
	require.Nil(t, w.Properties())
	require.Empty(t, w.APIVersion())
}
