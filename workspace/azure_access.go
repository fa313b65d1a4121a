package workspace

import (
	"errors"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// GetOptions configures how a workspace reaches Azure: [Get], and
// [FromConfig] through [FromConfigOptions].Azure. A nil *GetOptions means
// the defaults: azidentity.NewDefaultAzureCredential, the public cloud,
// azcore's default retries and transport, and the newest stable
// api-version.
type GetOptions struct {
	// Credential gets the ARM tokens; nil means
	// azidentity.NewDefaultAzureCredential, created on first use.
	Credential azcore.TokenCredential
	// ClientOptions configure the HTTP pipeline: the cloud (its
	// ResourceManager endpoint is where requests go, so tests point it at
	// an emulator), the transport, retries, logging and telemetry.
	ClientOptions azcore.ClientOptions
	// APIVersion overrides the api-version of Microsoft.MachineLearningServices
	// requests; "" means the newest stable one the SDK knows.
	APIVersion string
}

// ErrNotAzure is returned by the accessors that only an Azure workspace
// has, such as [Workspace.Credential], on a local workspace.
var ErrNotAzure = errors.New("workspace: not an azure workspace")

// azureAccess is how an Azure workspace reaches ARM. Copies of a
// Workspace share one, so the default credential is created once.
type azureAccess struct {
	cred       azcore.TokenCredential
	clientOpts azcore.ClientOptions
	apiVersion string

	once    sync.Once
	defCred azcore.TokenCredential
	credErr error
}

// newAzureAccess copies opts (nil: defaults); the caller's struct is not
// kept.
func newAzureAccess(opts *GetOptions) *azureAccess {
	a := &azureAccess{}
	if opts != nil {
		a.cred, a.clientOpts, a.apiVersion = opts.Credential, opts.ClientOptions, opts.APIVersion
	}
	return a
}

// credential returns the configured credential or, created once, the
// default one.
func (a *azureAccess) credential() (azcore.TokenCredential, error) {
	if a.cred != nil {
		return a.cred, nil
	}
	a.once.Do(func() {
		a.defCred, a.credErr = azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
			ClientOptions: a.clientOpts,
		})
	})
	if a.credErr != nil {
		return nil, &AuthError{Err: a.credErr}
	}
	return a.defCred, nil
}

// Credential returns the credential an Azure workspace gets its ARM
// tokens with: the one its options named, else
// azidentity.NewDefaultAzureCredential (created on the first call, with
// no network call). The compute and experiment packages call it to build
// their own ARM clients. A local workspace returns [ErrNotAzure]; a default
// credential that cannot be created is an *[AuthError].
func (w *Workspace) Credential() (azcore.TokenCredential, error) {
	if w.azure == nil {
		return nil, ErrNotAzure
	}
	return w.azure.credential()
}

// ClientOptions returns a copy of the azcore client options an Azure
// workspace was opened with (zero for a local workspace). Slices and the
// transport inside are shared, not copied; treat them as read-only.
func (w *Workspace) ClientOptions() azcore.ClientOptions {
	if w.azure == nil {
		return azcore.ClientOptions{}
	}
	return w.azure.clientOpts
}

// APIVersion returns the api-version override an Azure workspace was
// opened with, or "" for the SDK's default.
func (w *Workspace) APIVersion() string {
	if w.azure == nil {
		return ""
	}
	return w.azure.apiVersion
}
