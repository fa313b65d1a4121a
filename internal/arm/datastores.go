package arm

import (
	"context"
	"net/http"
	"net/url"
)

// GetDefaultDatastore returns the workspace's default datastore
// (Datastores_List with isDefault=true; normally workspaceblobstore).
// A workspace without one is a *NoDefaultDatastoreError.
func (c *Client) GetDefaultDatastore(ctx context.Context, ws WorkspaceID) (*Datastore, error) {
	if err := ws.Validate(); err != nil {
		return nil, err
	}
	req, err := c.newRequest(ctx, http.MethodGet, ws.String()+"/datastores", url.Values{"isDefault": {"true"}})
	if err != nil {
		return nil, err
	}
	var page DatastoreList
	if err := c.send(req, &page, http.StatusOK); err != nil {
		return nil, err
	}
	for i := range page.Value {
		if d := &page.Value[i]; d.Properties != nil && d.Properties.IsDefault {
			return d, nil
		}
	}
	return nil, &NoDefaultDatastoreError{Workspace: ws.String()}
}

// GetDatastore reads a datastore (Datastores_Get); its credentials are
// not returned, see ListDatastoreSecrets.
func (c *Client) GetDatastore(ctx context.Context, ws WorkspaceID, name string) (*Datastore, error) {
	req, err := c.assetRequest(ctx, http.MethodGet, ws, "datastores", name, "", "", nil)
	return getInto[Datastore](c, req, err)
}

// ListDatastoreSecrets returns a datastore's secrets
// (Datastores_ListSecrets, a POST that only reads, retried like a GET).
// The key or token is a Secret: it prints redacted.
func (c *Client) ListDatastoreSecrets(ctx context.Context, ws WorkspaceID, name string) (*DatastoreSecrets, error) {
	req, err := c.assetRequest(ctx, http.MethodPost, ws, "datastores", name, "", "/listSecrets", nil)
	if err != nil {
		return nil, err
	}
	markRead(req)
	var out DatastoreSecrets
	if err := c.send(req, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return &out, nil
}

// NoDefaultDatastoreError says that a workspace has no default datastore.
type NoDefaultDatastoreError struct {
	Workspace string
}

// Error names the workspace.
func (e *NoDefaultDatastoreError) Error() string {
	return "arm: workspace " + e.Workspace + " has no default datastore"
}
