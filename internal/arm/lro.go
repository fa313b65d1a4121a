package arm

import (
	"context"
	"net/http"
	"net/url"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// BeginOptions are the optional parameters of the Begin methods.
type BeginOptions struct {
	// ResumeToken, from Poller.ResumeToken, resumes an operation already
	// started instead of starting one; the other arguments are then ignored
	// and nothing is sent until the poller polls.
	ResumeToken string
}

// DeleteComputeResult is the result of BeginDeleteCompute: the operation
// returns no resource.
type DeleteComputeResult struct{}

// BeginCreateOrUpdateCompute creates a compute, attaches one, or overwrites
// one (Compute_CreateOrUpdate, PUT). The poller follows
// Azure-AsyncOperation, then reads the compute back; a provisioning that
// ends Failed is an *azcore.ResponseError with the operation's ARM error
// code. Secrets in resource go into the request body and nowhere else.
func (c *Client) BeginCreateOrUpdateCompute(ctx context.Context, ws WorkspaceID, name string, resource *ComputeResource, opts *BeginOptions) (*runtime.Poller[ComputeResource], error) {
	if token := resumeToken(opts); token != "" {
		return runtime.NewPollerFromResumeToken[ComputeResource](token, c.pl, nil)
	}
	if resource == nil || resource.Properties == nil {
		return nil, &ValidationError{Field: "resource.properties", Value: "", Reason: "must be set (it carries computeType)"}
	}
	body, err := resource.wireJSON()
	if err != nil {
		return nil, err
	}
	req, err := c.computeRequest(ctx, http.MethodPut, ws, name, "", nil)
	if err != nil {
		return nil, err
	}
	return begin[ComputeResource](c, req, body, http.StatusOK, http.StatusCreated)
}

// BeginUpdateCompute changes an AmlCompute cluster's scale settings
// (Compute_Update, PATCH); the poller ends with the updated compute, read
// back with a GET on the compute's URL (azcore's final step for PATCH; the
// spec's Location names the same result).
func (c *Client) BeginUpdateCompute(ctx context.Context, ws WorkspaceID, name string, params *ClusterUpdateParameters, opts *BeginOptions) (*runtime.Poller[ComputeResource], error) {
	if token := resumeToken(opts); token != "" {
		return runtime.NewPollerFromResumeToken[ComputeResource](token, c.pl, nil)
	}
	if params == nil {
		return nil, &ValidationError{Field: "params", Value: "", Reason: "must be set"}
	}
	body, err := marshalJSON(params)
	if err != nil {
		return nil, err
	}
	req, err := c.computeRequest(ctx, http.MethodPatch, ws, name, "", nil)
	if err != nil {
		return nil, err
	}
	return begin[ComputeResource](c, req, body, http.StatusOK, http.StatusAccepted)
}

// BeginDeleteCompute deletes a compute (action Delete: the underlying
// resource goes too) or detaches it (action Detach: only the workspace
// forgets it) (Compute_Delete, DELETE with underlyingResourceAction).
// The poller follows Azure-AsyncOperation when present, else Location;
// after an Azure-AsyncOperation success azcore makes no final GET of the
// Location, which for a delete has nothing to return.
func (c *Client) BeginDeleteCompute(ctx context.Context, ws WorkspaceID, name string, action UnderlyingResourceAction, opts *BeginOptions) (*runtime.Poller[DeleteComputeResult], error) {
	if token := resumeToken(opts); token != "" {
		return runtime.NewPollerFromResumeToken[DeleteComputeResult](token, c.pl, nil)
	}
	if action != UnderlyingResourceActionDelete && action != UnderlyingResourceActionDetach {
		return nil, &ValidationError{Field: "underlyingResourceAction", Value: string(action), Reason: "must be Delete or Detach"}
	}
	q := url.Values{"underlyingResourceAction": {string(action)}}
	req, err := c.computeRequest(ctx, http.MethodDelete, ws, name, "", q)
	if err != nil {
		return nil, err
	}
	return begin[DeleteComputeResult](c, req, nil, http.StatusOK, http.StatusAccepted, http.StatusNoContent)
}

// begin sends the request that starts an operation and wraps its response
// in an azcore poller (Azure-AsyncOperation, Location, or done at once).
func begin[T any](c *Client, req *policy.Request, body []byte, ok ...int) (*runtime.Poller[T], error) {
	if body != nil {
		if err := setBody(req, body); err != nil {
			return nil, err
		}
	}
	resp, err := c.pl.Do(req)
	if err != nil {
		return nil, err
	}
	if !runtime.HasStatusCode(resp, ok...) {
		return nil, runtime.NewResponseError(resp)
	}
	return runtime.NewPoller[T](resp, c.pl, nil)
}

func resumeToken(opts *BeginOptions) string {
	if opts == nil {
		return ""
	}
	return opts.ResumeToken
}
