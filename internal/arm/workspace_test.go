package arm_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
)

func TestGetWorkspace(t *testing.T) {
	c, s, ws := newEmulator(t, nil, nil)
	w, err := c.GetWorkspace(t.Context(), ws)
	require.NoError(t, err)
	require.Equal(t, ws.String(), w.ID)
	require.Equal(t, ws.Name, w.Name)
	require.Equal(t, "eastus", w.Location)
	require.Equal(t, arm.ProvisioningStateSucceeded, w.Properties.ProvisioningState)
	require.NotEmpty(t, w.Properties.DiscoveryURL)
	require.Contains(t, w.Properties.StorageAccount, "/storageAccounts/")
	require.NotEmpty(t, w.Properties.MLFlowTrackingURI)

	reqs := requestsTo(s, http.MethodGet, ws.Name)
	require.Len(t, reqs, 1)
	r := reqs[0]
	require.Equal(t, []string{arm.DefaultAPIVersion}, r.Query["api-version"])
	require.NotEmpty(t, r.Header.Get("x-ms-client-request-id"))
	require.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "azureml-go/"+arm.Version+" "), r.Header.Get("User-Agent"))
	require.True(t, strings.HasPrefix(r.Header.Get("Authorization"), "Bearer "))
}

func TestGetWorkspaceErrors(t *testing.T) {
	c, _, ws := newEmulator(t, nil, nil)
	missing := ws
	missing.Name = "no-such-ws"
	tests := []struct {
		name string
		ws   arm.WorkspaceID
		code string
	}{
		{"missing workspace", missing, "ResourceNotFound"},
		{"unknown subscription", arm.WorkspaceID{SubscriptionID: "99999999-0000-0000-0000-000000000000", ResourceGroup: "rg", Name: "ws"}, "SubscriptionNotFound"},
		{"unknown resource group", arm.WorkspaceID{SubscriptionID: ws.SubscriptionID, ResourceGroup: "other", Name: "ws"}, "ResourceGroupNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.GetWorkspace(t.Context(), tt.ws)
			re := responseError(t, err)
			require.Equal(t, tt.code, re.ErrorCode, "ARM code from the envelope")
			require.True(t, arm.HasCode(err, "x", strings.ToLower(tt.code)), "codes compare without case")
			require.True(t, arm.IsNotFound(err))
			require.False(t, arm.IsAuthError(err))
		})
	}
}

func TestWorkspaceIDValidated(t *testing.T) {
	c, s, ws := newEmulator(t, nil, nil)
	for _, bad := range []arm.WorkspaceID{
		{SubscriptionID: "", ResourceGroup: "rg", Name: "ws"},
		{SubscriptionID: ws.SubscriptionID, ResourceGroup: "rg/../x", Name: "ws"},
	} {
		_, err := c.GetWorkspace(t.Context(), bad)
		var ve *arm.ValidationError
		require.ErrorAs(t, err, &ve)
		require.Contains(t, err.Error(), "arm: workspace ")
	}
	require.Empty(t, s.Requests(), "nothing sent for an invalid id")
}

func TestAPIVersion(t *testing.T) {
	tests := []struct {
		name, set, want, code string
	}{
		{"override", "2025-12-01", "2025-12-01", ""},
		{"embedded azcore option", "", "2026-03-01", ""},
		{"unsupported version is the service's 400", "1999-01-01", "1999-01-01", "InvalidApiVersionParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s, ws := newEmulator(t, nil, func(o *arm.ClientOptions) {
				o.APIVersion = tt.set
				if tt.set == "" {
					o.ClientOptions.APIVersion = tt.want
				}
			})
			require.Equal(t, tt.want, c.APIVersion())
			_, err := c.GetWorkspace(t.Context(), ws)
			if tt.code == "" {
				require.NoError(t, err)
			} else {
				require.True(t, arm.HasCode(err, tt.code), "got %v", err)
			}
			require.Equal(t, []string{tt.want}, s.Requests()[0].Query["api-version"])
		})
	}
}

func TestListVMSizes(t *testing.T) {
	c, _, ws := newEmulator(t, nil, nil)
	sizes, err := c.ListVMSizes(t.Context(), ws.SubscriptionID, "eastus")
	require.NoError(t, err)
	require.NotEmpty(t, sizes)
	for _, sz := range sizes {
		require.NotEmpty(t, sz.Name)
		require.Positive(t, sz.VCPUs, sz.Name)
	}
	_, err = c.ListVMSizes(t.Context(), ws.SubscriptionID, "westeurope")
	require.Equal(t, http.StatusBadRequest, responseError(t, err).StatusCode)
}

// failingCredential fails every token request with err.
type failingCredential struct{ err error }

func (f failingCredential) GetToken(_ context.Context, _ policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, f.err
}

func TestCredentialFailureIsAuthError(t *testing.T) {
	s := newServerOnly(t)
	cause := errors.New("token endpoint said no")
	c, err := arm.NewClient(failingCredential{cause}, emulatorOptions(s))
	require.NoError(t, err)
	_, err = c.GetWorkspace(t.Context(), parseWorkspaceID(t, s.WorkspaceID()))
	var ae *arm.AuthError
	require.ErrorAs(t, err, &ae)
	require.ErrorIs(t, err, cause)
	require.True(t, arm.IsAuthError(err))
	require.False(t, arm.IsNotFound(err))
	require.True(t, strings.HasPrefix(err.Error(), "arm: credential failed: "), err.Error())
	require.Empty(t, s.Requests(), "a failed credential sends nothing, and is not retried")
}

func TestWrongTokenIsServiceError(t *testing.T) {
	s := newServerOnly(t)
	c, err := arm.NewClient(staticCredential("not-the-servers-token"), emulatorOptions(s))
	require.NoError(t, err)
	_, err = c.GetWorkspace(t.Context(), parseWorkspaceID(t, s.WorkspaceID()))
	re := responseError(t, err)
	require.Equal(t, http.StatusUnauthorized, re.StatusCode)
	require.Equal(t, "InvalidAuthenticationToken", re.ErrorCode)
	require.False(t, arm.IsAuthError(err), "the credential worked; the service rejected the token")
}
