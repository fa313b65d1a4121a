package workspace

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/azureml-go/azureml/internal/arm"
)

// Properties are what Azure says about a workspace (Workspaces_Get): its
// region and the resources linked to it. A handle has them once read by
// [Get], [Workspace.Fetch] or [FromConfig] with Fetch set.
type Properties struct {
	// ID is the workspace's ARM resource id.
	ID string
	// Location is the Azure region, e.g. "eastus".
	Location string
	// FriendlyName and Description are the workspace's display texts.
	FriendlyName, Description string
	// DiscoveryURL is the regional discovery service (its "api" key gives
	// the data-plane endpoint).
	DiscoveryURL string
	// StorageAccount, KeyVault, ApplicationInsights and ContainerRegistry
	// are the ARM ids of the linked resources.
	StorageAccount, KeyVault, ApplicationInsights, ContainerRegistry string
	// MLflowTrackingURI is the workspace's MLflow tracking endpoint.
	MLflowTrackingURI string
	// WorkspaceGUID is the service's own id of the workspace (workspaceId).
	WorkspaceGUID string
	// TenantID is the Microsoft Entra tenant the workspace belongs to.
	TenantID string
	// ProvisioningState is the workspace's provisioningState (Succeeded...).
	ProvisioningState string
	// Tags are the workspace's ARM tags.
	Tags map[string]string
}

// Get reads the Azure Machine Learning workspace name in resourceGroup of
// subscriptionID over ARM (Workspaces_Get) and returns a handle that
// carries its [Properties] and can reach Azure with opts (nil: defaults,
// see [GetOptions]).
//
// The identity is checked before any request ([*ValidationError] naming
// subscription_id, resource_group or workspace_name). A workspace that
// does not exist is a *[NotFoundError] (errors.Is [ErrNotFound]); a
// credential that cannot get a token, or a token the service refuses, is
// an *[AuthError] (errors.Is [ErrUnauthorized]). Other service errors wrap
// the *azcore.ResponseError that carries the ARM error code.
func Get(ctx context.Context, subscriptionID, resourceGroup, name string, opts *GetOptions) (*Workspace, error) {
	w, err := newAzure(subscriptionID, resourceGroup, name, "", opts)
	if err != nil {
		return nil, err
	}
	return w.Fetch(ctx)
}

// newAzure validates an identity and returns an Azure handle that has not
// read anything yet.
func newAzure(sub, group, name, configPath string, opts *GetOptions) (*Workspace, error) {
	for _, f := range []struct{ field, value string }{{keySubscription, sub}, {keyGroup, group}} {
		if f.value == "" || strings.ContainsAny(f.value, "/?#") {
			return nil, &ValidationError{Field: f.field, Value: f.value, Reason: "must be set and hold no '/', '?' or '#'"}
		}
	}
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	return &Workspace{kind: KindAzure, subscriptionID: sub, resourceGroup: group, name: name,
		configPath: configPath, azure: newAzureAccess(opts)}, nil
}

// Fetch reads an Azure workspace over ARM and returns a new handle that
// carries its [Properties] (w is unchanged, as handles are immutable).
// Errors are those of [Get]; a local workspace returns [ErrNotAzure].
func (w *Workspace) Fetch(ctx context.Context) (*Workspace, error) {
	if w.azure == nil {
		return nil, ErrNotAzure
	}
	c, err := w.armClient()
	if err != nil {
		return nil, err
	}
	res, err := c.GetWorkspace(ctx, w.armID())
	if err != nil {
		return nil, w.azureError(err)
	}
	out := *w
	out.props = propertiesOf(res)
	out.location = out.props.Location
	return &out, nil
}

// Properties returns what Azure said about the workspace when it was last
// read (a copy), or nil when it has not been read: a local workspace, or
// an Azure one from [FromConfig] without Fetch.
func (w *Workspace) Properties() *Properties {
	if w.props == nil {
		return nil
	}
	p := *w.props
	p.Tags = maps.Clone(p.Tags)
	return &p
}

func (w *Workspace) armID() arm.WorkspaceID {
	return arm.WorkspaceID{SubscriptionID: w.subscriptionID, ResourceGroup: w.resourceGroup, Name: w.name}
}

// armClient builds the ARM client of an Azure workspace.
func (w *Workspace) armClient() (*arm.Client, error) {
	cred, err := w.azure.credential()
	if err != nil {
		var ae *AuthError
		if errors.As(err, &ae) {
			ae.Workspace = w.ID()
		}
		return nil, err
	}
	c, err := arm.NewClient(cred, &arm.ClientOptions{ClientOptions: w.azure.clientOpts, APIVersion: w.azure.apiVersion})
	if err != nil {
		return nil, fmt.Errorf("workspace: azure client: %w", err)
	}
	return c, nil
}

// azureError turns an ARM failure into this package's typed errors.
func (w *Workspace) azureError(err error) error {
	var ae *arm.AuthError
	switch status := statusOf(err); {
	case errors.As(err, &ae):
		return &AuthError{Workspace: w.ID(), Err: ae.Err}
	case status == 401 || status == 403:
		return &AuthError{Workspace: w.ID(), StatusCode: status, Err: err}
	case arm.IsNotFound(err):
		return &NotFoundError{ID: w.ID(), Err: err}
	}
	return fmt.Errorf("workspace: get %s: %w", w.ID(), err)
}

func propertiesOf(res *arm.Workspace) *Properties {
	p := &Properties{ID: res.ID, Location: res.Location, Tags: maps.Clone(res.Tags)}
	if wp := res.Properties; wp != nil {
		p.FriendlyName, p.Description, p.DiscoveryURL = wp.FriendlyName, wp.Description, wp.DiscoveryURL
		p.StorageAccount, p.KeyVault, p.ApplicationInsights = wp.StorageAccount, wp.KeyVault, wp.ApplicationInsights
		p.ContainerRegistry, p.MLflowTrackingURI, p.WorkspaceGUID = wp.ContainerRegistry, wp.MLFlowTrackingURI, wp.WorkspaceID
		p.TenantID, p.ProvisioningState = wp.TenantID, string(wp.ProvisioningState)
	}
	return p
}
