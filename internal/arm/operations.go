package arm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming"
)

// GetWorkspace reads a workspace (Workspaces_Get). A missing workspace is an
// *azcore.ResponseError for which IsNotFound is true; a failing credential
// is an *AuthError.
func (c *Client) GetWorkspace(ctx context.Context, ws WorkspaceID) (*Workspace, error) {
	if err := ws.Validate(); err != nil {
		return nil, err
	}
	req, err := c.newRequest(ctx, http.MethodGet, ws.String(), nil)
	if err != nil {
		return nil, err
	}
	var out Workspace
	if err := c.send(req, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListVMSizes returns the VM sizes Azure ML offers in location
// (VirtualMachineSizes_List).
func (c *Client) ListVMSizes(ctx context.Context, subscription, location string) ([]VirtualMachineSize, error) {
	if err := checkSegment("subscription", subscription); err != nil {
		return nil, err
	}
	if err := checkSegment("location", location); err != nil {
		return nil, err
	}
	path := "/subscriptions/" + subscription + "/providers/" + provider + "/locations/" + location + "/vmSizes"
	req, err := c.newRequest(ctx, http.MethodGet, path, nil)
	if err != nil {
		return nil, err
	}
	var out struct {
		Value []VirtualMachineSize `json:"value"`
	}
	if err := c.send(req, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return out.Value, nil
}

// GetCompute reads a compute (Compute_Get). The service never returns its
// secrets; use ListComputeKeys.
func (c *Client) GetCompute(ctx context.Context, ws WorkspaceID, name string) (*ComputeResource, error) {
	req, err := c.computeRequest(ctx, http.MethodGet, ws, name, "", nil)
	if err != nil {
		return nil, err
	}
	var out ComputeResource
	if err := c.send(req, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListComputeKeys returns a compute's secrets (Compute_ListKeys, a POST that
// only reads, so it is retried like a GET).
func (c *Client) ListComputeKeys(ctx context.Context, ws WorkspaceID, name string) (*ComputeSecrets, error) {
	req, err := c.computeRequest(ctx, http.MethodPost, ws, name, "/listKeys", nil)
	if err != nil {
		return nil, err
	}
	markRead(req)
	var out ComputeSecrets
	if err := c.send(req, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return &out, nil
}

// computeRequest builds a request on {ws}/computes/{name}{suffix}.
func (c *Client) computeRequest(ctx context.Context, method string, ws WorkspaceID, name, suffix string, query url.Values) (*policy.Request, error) {
	if err := ws.Validate(); err != nil {
		return nil, err
	}
	if err := checkSegment("compute name", name); err != nil {
		return nil, err
	}
	return c.newRequest(ctx, method, ws.ComputeID(name)+suffix, query)
}

// setBody sets a JSON request body already encoded by the wire encoder.
func setBody(req *policy.Request, body []byte) error {
	return req.SetBody(streaming.NopCloser(bytes.NewReader(body)), "application/json")
}

// send runs req and decodes a response with one of the ok codes into out.
// Any other code is an *azcore.ResponseError with the ARM error code.
func (c *Client) send(req *policy.Request, out any, ok ...int) error {
	resp, err := c.pl.Do(req)
	if err != nil {
		return err
	}
	if !runtime.HasStatusCode(resp, ok...) {
		return runtime.NewResponseError(resp)
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	if err := runtime.UnmarshalAsJSON(resp, out); err != nil {
		return fmt.Errorf("arm: %s %s: decoding the response: %w", req.Raw().Method, req.Raw().URL.Path, err)
	}
	return nil
}

// marshalJSON encodes a body that holds no secrets.
func marshalJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("arm: encoding the request: %w", err)
	}
	return b, nil
}
