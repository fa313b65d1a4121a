package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	azlog "github.com/Azure/azure-sdk-for-go/sdk/azcore/log"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/azureml-go/azureml/workspace"
)

// The environment variables that say how amlgo reaches Azure (documented
// in doc.go). Without them it uses the public cloud and azidentity's
// DefaultAzureCredential, as the library does.
const (
	// envCloud names a cloud: AzurePublic (default), AzureChina or
	// AzureGovernment.
	envCloud = "AZUREML_GO_CLOUD"
	// envARMEndpoint is any Azure Resource Manager endpoint (an emulator,
	// Azure Stack); it wins over envCloud.
	envARMEndpoint = "AZUREML_GO_ARM_ENDPOINT"
	// envARMAudience is the token audience for envARMEndpoint (default:
	// the public cloud's).
	envARMAudience = "AZUREML_GO_ARM_AUDIENCE"
	// envCABundle is a PEM file of certificates trusted besides the
	// system's, for an endpoint with a private CA.
	envCABundle = "AZUREML_GO_CA_BUNDLE"
	// envAPIVersion overrides the api-version of the ARM requests.
	envAPIVersion = "AZUREML_GO_API_VERSION"
	// envAccessToken is a fixed bearer token used instead of
	// DefaultAzureCredential: for tests against an emulator only (it is
	// never refreshed).
	envAccessToken = "AZUREML_GO_ACCESS_TOKEN"
)

// envError is an environment variable amlgo cannot use: exit code 2.
type envError struct {
	name, value, reason string
}

func (e *envError) Error() string {
	if e.value == "" {
		return fmt.Sprintf("amlgo: $%s: %s", e.name, e.reason)
	}
	return fmt.Sprintf("amlgo: $%s %q: %s", e.name, e.value, e.reason)
}

// staticToken is the credential of envAccessToken: the same token for
// every request, valid for an hour from each request for it.
type staticToken struct{ token string }

// GetToken implements azcore.TokenCredential.
func (s staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: s.token, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// azureOptions builds how an Azure workspace reaches Azure from the
// environment; nil means the library's defaults.
func (a *app) azureOptions() (*workspace.GetOptions, error) {
	o := &workspace.GetOptions{APIVersion: a.getenv(envAPIVersion)}
	set := o.APIVersion != ""
	cfg, ok, err := a.cloudConfig()
	if err != nil {
		return nil, err
	}
	if ok {
		o.ClientOptions.Cloud, set = cfg, true
	}
	if path := a.getenv(envCABundle); path != "" {
		c, err := caClient(path)
		if err != nil {
			return nil, err
		}
		o.ClientOptions.Transport, set = c, true
	}
	if tok := a.getenv(envAccessToken); tok != "" {
		o.Credential, set = staticToken{token: tok}, true
	}
	if a.verbose {
		// azcore logs through a process-wide listener (fine in a CLI's
		// main); it redacts header and query values that are not
		// allow-listed (Authorization among them) and never logs bodies.
		azlog.SetListener(func(ev azlog.Event, msg string) { fmt.Fprintf(a.stderr, "azure %s: %s\n", ev, msg) })
	}
	if !set {
		return nil, nil
	}
	return o, nil
}

// cloudConfig is the cloud of envARMEndpoint or envCloud (ok false: the
// default, the public cloud).
func (a *app) cloudConfig() (cloud.Configuration, bool, error) {
	if ep := a.getenv(envARMEndpoint); ep != "" {
		u, err := url.Parse(ep)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return cloud.Configuration{}, false, &envError{name: envARMEndpoint, value: ep, reason: "must be an https URL, e.g. https://management.azure.com"}
		}
		aud := a.getenv(envARMAudience)
		if aud == "" {
			aud = cloud.AzurePublic.Services[cloud.ResourceManager].Audience
		}
		return cloud.Configuration{
			ActiveDirectoryAuthorityHost: cloud.AzurePublic.ActiveDirectoryAuthorityHost,
			Services:                     map[cloud.ServiceName]cloud.ServiceConfiguration{cloud.ResourceManager: {Endpoint: ep, Audience: aud}},
		}, true, nil
	}
	switch name := a.getenv(envCloud); name {
	case "", "AzurePublic":
		return cloud.Configuration{}, false, nil
	case "AzureChina":
		return cloud.AzureChina, true, nil
	case "AzureGovernment":
		return cloud.AzureGovernment, true, nil
	default:
		return cloud.Configuration{}, false, &envError{name: envCloud, value: name, reason: "must be AzurePublic, AzureChina or AzureGovernment"}
	}
}

// caClient returns an HTTP client that trusts the certificates of the PEM
// file path besides the system's.
func caClient(path string) (*http.Client, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, &envError{name: envCABundle, value: path, reason: "cannot be read: " + err.Error()}
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, &envError{name: envCABundle, value: path, reason: "holds no PEM certificate"}
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: tr}, nil
}
