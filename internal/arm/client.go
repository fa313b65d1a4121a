package arm

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	armpolicy "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm/policy"
	armruntime "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

const (
	// DefaultAPIVersion is the api-version sent when ClientOptions.APIVersion
	// is empty: the newest stable version of Microsoft.MachineLearningServices.
	DefaultAPIVersion = "2026-07-01"

	// Version is the SDK version reported in the User-Agent header
	// ("azureml-go/" + Version).
	Version = "v0.1.0"

	moduleName = "azureml-go"
	provider   = "Microsoft.MachineLearningServices"
)

// ClientOptions configures a Client. The embedded azcore.ClientOptions set
// the cloud (its ResourceManager service gives the endpoint and the token
// audience), retries, transport, logging and telemetry.
type ClientOptions struct {
	azcore.ClientOptions

	// APIVersion is the api-version query parameter of every request the
	// client builds. Empty means DefaultAPIVersion. URLs returned by the
	// service (nextLink, polling URLs) are followed as they are.
	APIVersion string
}

// Client calls the Azure Resource Manager API of Microsoft.MachineLearningServices.
// It is safe for concurrent use; create one and reuse it.
type Client struct {
	pl         runtime.Pipeline
	blob       runtime.Pipeline // no bearer token: blob requests carry a SAS
	endpoint   *url.URL
	apiVersion string
}

// NewClient returns a Client.
//   - cred: the credential for ARM tokens; nil means azidentity.NewDefaultAzureCredential.
//   - opts: pass nil to accept the defaults (public cloud, DefaultAPIVersion).
//
// Errors from the credential surface from every call as *AuthError.
// Request and response bodies are never logged, whatever opts.Logging says,
// because they carry passwords, keys and tokens.
func NewClient(cred azcore.TokenCredential, opts *ClientOptions) (*Client, error) {
	var o ClientOptions
	if opts != nil {
		o = *opts
	}
	if cred == nil {
		dc, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			return nil, &AuthError{Err: err}
		}
		cred = dc
	}
	endpoint, err := resourceManagerEndpoint(o.Cloud)
	if err != nil {
		return nil, err
	}
	apiVersion := o.APIVersion
	if apiVersion == "" {
		apiVersion = o.ClientOptions.APIVersion
	}
	if apiVersion == "" {
		apiVersion = DefaultAPIVersion
	}
	pl, err := armruntime.NewPipeline(moduleName, Version, authCredential{cred}, pipelineOptions(), armOptions(o.ClientOptions))
	if err != nil {
		return nil, fmt.Errorf("arm: pipeline: %w", err)
	}
	blobOpts := armOptions(o.ClientOptions).ClientOptions
	blob := runtime.NewPipeline(moduleName, Version, runtime.PipelineOptions{}, &blobOpts)
	return &Client{pl: pl, blob: blob, endpoint: endpoint, apiVersion: apiVersion}, nil
}

// APIVersion returns the api-version the client sends.
func (c *Client) APIVersion() string { return c.apiVersion }

// Endpoint returns the Resource Manager endpoint the client calls.
func (c *Client) Endpoint() string { return c.endpoint.String() }

// resourceManagerEndpoint reads the ARM endpoint from a cloud configuration
// (the public cloud when it is zero).
func resourceManagerEndpoint(c cloud.Configuration) (*url.URL, error) {
	if c.Services == nil && c.ActiveDirectoryAuthorityHost == "" {
		c = cloud.AzurePublic
	}
	conf, ok := c.Services[cloud.ResourceManager]
	if !ok || conf.Endpoint == "" || conf.Audience == "" {
		return nil, &ConfigError{Field: "Cloud.Services[ResourceManager]", Reason: "needs an Endpoint and an Audience"}
	}
	u, err := url.Parse(conf.Endpoint)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, &ConfigError{Field: "Cloud.Services[ResourceManager].Endpoint", Value: conf.Endpoint, Reason: "must be an absolute URL"}
	}
	return u, nil
}

// armOptions copies the caller's options and applies the client's policy:
// retries for 408, 429 and 5xx, bodies never logged, the api-version set by
// the client rather than by azcore, and the azureml-go telemetry token.
func armOptions(in azcore.ClientOptions) *armpolicy.ClientOptions {
	out := &armpolicy.ClientOptions{ClientOptions: in}
	out = out.Clone()
	out.APIVersion = ""
	out.Logging.IncludeBody = false
	if out.Retry.StatusCodes == nil {
		out.Retry.StatusCodes = RetryStatusCodes()
	}
	if out.Telemetry.ApplicationID == "" {
		out.Telemetry.ApplicationID = moduleName + "/" + Version
	}
	return out
}

// RetryStatusCodes returns the HTTP status codes the client retries by
// default: 408, 429 and the 5xx codes that mean "try again".
func RetryStatusCodes() []int {
	return []int{
		http.StatusRequestTimeout,
		http.StatusTooManyRequests,
		http.StatusInternalServerError,
		http.StatusBadGateway,
		http.StatusServiceUnavailable,
		http.StatusGatewayTimeout,
	}
}

// pipelineOptions adds the request id, the retry guard and the query
// parameters worth seeing in logs.
func pipelineOptions() runtime.PipelineOptions {
	return runtime.PipelineOptions{
		AllowedQueryParameters: []string{"api-version", "underlyingResourceAction", "$skip"},
		PerCall:                []policy.Policy{runtime.NewRequestIDPolicy()},
		PerRetry:               []policy.Policy{retryGuard{}},
	}
}

// newRequest builds a request for path (below the endpoint) with the
// api-version and any extra query parameters.
func (c *Client) newRequest(ctx context.Context, method, path string, query url.Values) (*policy.Request, error) {
	u := *c.endpoint
	u.Path = strings.TrimRight(u.Path, "/") + path
	u.RawPath = ""
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("api-version", c.apiVersion)
	u.RawQuery = q.Encode()
	req, err := runtime.NewRequest(ctx, method, u.String())
	if err != nil {
		return nil, fmt.Errorf("arm: %s %s: %w", method, path, err)
	}
	req.Raw().Header.Set("Accept", "application/json")
	return req, nil
}
