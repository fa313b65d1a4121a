package arm_test

import (
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
)

func TestNewClientCloud(t *testing.T) {
	tests := []struct {
		name     string
		cloud    cloud.Configuration
		endpoint string
		field    string
	}{
		{"zero means public", cloud.Configuration{}, "https://management.azure.com", ""},
		{"sovereign", cloud.AzureChina, "https://management.chinacloudapi.cn", ""},
		{"no resource manager", cloud.Configuration{ActiveDirectoryAuthorityHost: "https://login", Services: map[cloud.ServiceName]cloud.ServiceConfiguration{}},
			"", "Cloud.Services[ResourceManager]"},
		{"relative endpoint", cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Endpoint: "localhost:1", Audience: "a"}}}, "", "Cloud.Services[ResourceManager].Endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &arm.ClientOptions{}
			o.Cloud = tt.cloud
			c, err := arm.NewClient(staticCredential("t"), o)
			if tt.field != "" {
				var ce *arm.ConfigError
				require.ErrorAs(t, err, &ce)
				require.Equal(t, tt.field, ce.Field)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.endpoint, c.Endpoint())
			require.Equal(t, arm.DefaultAPIVersion, c.APIVersion())
		})
	}
}

func TestNewClientNilArguments(t *testing.T) {
	c, err := arm.NewClient(staticCredential("t"), nil)
	require.NoError(t, err)
	require.Equal(t, "https://management.azure.com", c.Endpoint())

	// nil credential: DefaultAzureCredential, built without any request
	c, err = arm.NewClient(nil, nil)
	if err != nil {
		require.True(t, arm.IsAuthError(err), "a DefaultAzureCredential failure is an AuthError: %v", err)
		return
	}
	require.NotNil(t, c)
}

func TestNewClientDoesNotChangeOptions(t *testing.T) {
	o := &arm.ClientOptions{}
	o.Logging.IncludeBody = true
	_, err := arm.NewClient(staticCredential("t"), o)
	require.NoError(t, err)
	require.True(t, o.Logging.IncludeBody)
	require.Nil(t, o.Retry.StatusCodes)
	require.Empty(t, o.Telemetry.ApplicationID)
}

func TestRetryStatusCodes(t *testing.T) {
	require.Equal(t, []int{408, 429, 500, 502, 503, 504}, arm.RetryStatusCodes())
}
