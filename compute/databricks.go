package compute

import (
	"fmt"
	"net/url"

	"github.com/azureml-go/azureml/internal/arm"
)

// DatabricksAttachConfig attaches an Azure Databricks workspace, the
// Python SDK's DatabricksCompute.attach_configuration. Printing it shows
// "REDACTED" for the access token.
type DatabricksAttachConfig struct {
	// ResourceID is the Databricks workspace's ARM id
	// (/subscriptions/.../providers/Microsoft.Databricks/workspaces/NAME).
	// Required.
	ResourceID string
	// WorkspaceURL is the workspace's URL (https://adb-....azuredatabricks.net).
	WorkspaceURL string
	// AccessToken is a Databricks personal access token. Required; it goes
	// into the attach request's body and nowhere else.
	AccessToken string
}

// Kind implements [AzureAttachConfig]: KindDatabricks.
func (c *DatabricksAttachConfig) Kind() Kind { return KindDatabricks }

// Validate implements [AzureAttachConfig].
func (c *DatabricksAttachConfig) Validate() error {
	switch {
	case !validResourceID(c.ResourceID, "Microsoft.Databricks/workspaces"):
		return &AttachConfigError{Field: "resource_id", Value: c.ResourceID,
			Reason: "must be /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Databricks/workspaces/<name>"}
	case c.AccessToken == "":
		return &AttachConfigError{Field: "access_token", Reason: "must be set"}
	}
	if c.WorkspaceURL != "" {
		if u, err := url.Parse(c.WorkspaceURL); err != nil || u.Scheme != "https" || u.Host == "" {
			return &AttachConfigError{Field: "workspace_url", Value: c.WorkspaceURL, Reason: "must be an https URL"}
		}
	}
	return nil
}

func (c *DatabricksAttachConfig) resource(_, location string) *arm.ComputeResource {
	return &arm.ComputeResource{Location: location, Properties: &arm.Compute{ComputeType: arm.ComputeTypeDatabricks,
		ResourceID: c.ResourceID, Properties: &arm.DatabricksProperties{WorkspaceURL: c.WorkspaceURL,
			DatabricksAccessToken: arm.Secret(c.AccessToken)}}}
}

// Format implements fmt.Formatter: every verb prints c with the token
// redacted.
func (c DatabricksAttachConfig) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, "{ResourceID:%s WorkspaceURL:%s AccessToken:%s}", c.ResourceID, c.WorkspaceURL, mask(c.AccessToken))
}
