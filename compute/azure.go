package compute

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace"
)

// azureConn is an ARM client bound to an Azure workspace. It is built
// from the workspace's public accessors on every operation (building one
// sends nothing).
type azureConn struct {
	ws  *workspace.Workspace
	c   *arm.Client
	id  arm.WorkspaceID
	rec *responseRecorder
}

// connect returns the ARM connection of an Azure workspace. A local or
// nil workspace is an *UnsupportedError.
func connect(ws *workspace.Workspace, op string) (*azureConn, error) {
	if ws == nil || ws.IsLocal() {
		return nil, &UnsupportedError{What: op + " on a workspace that is not an Azure workspace",
			Hint: "open an Azure workspace with workspace.FromConfig or workspace.Get"}
	}
	cred, err := ws.Credential()
	if err != nil {
		return nil, err
	}
	rec := &responseRecorder{}
	o := &arm.ClientOptions{ClientOptions: ws.ClientOptions(), APIVersion: ws.APIVersion()}
	o.PerCallPolicies = append(slices.Clip(o.PerCallPolicies), rec)
	c, err := arm.NewClient(cred, o)
	if err != nil {
		return nil, err
	}
	id := arm.WorkspaceID{SubscriptionID: ws.SubscriptionID(), ResourceGroup: ws.ResourceGroup(), Name: ws.Name()}
	return &azureConn{ws: ws, c: c, id: id, rec: rec}, nil
}

// location returns the workspace's region, reading the workspace when
// the handle does not know it yet.
func (a *azureConn) location(ctx context.Context) (string, error) {
	if l := a.ws.Location(); l != "" {
		return l, nil
	}
	w, err := a.c.GetWorkspace(ctx, a.id)
	if err != nil {
		return "", err
	}
	return w.Location, nil
}

// responseRecorder is a per-call pipeline policy that keeps the
// Retry-After of the last response, so that a wait honours the one of the
// request that started an operation (azcore's poller does not expose it).
type responseRecorder struct {
	mu         sync.Mutex
	retryAfter time.Duration
	set        bool
}

// Do implements policy.Policy.
func (r *responseRecorder) Do(req *policy.Request) (*http.Response, error) {
	resp, err := req.Next()
	if resp != nil {
		d, ok := retryAfterOf(resp)
		r.mu.Lock()
		r.retryAfter, r.set = d, ok
		r.mu.Unlock()
	}
	return resp, err
}

// last returns the Retry-After of the last response, if it had one.
func (r *responseRecorder) last() (time.Duration, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.retryAfter, r.set
}

// retryAfterOf reads Retry-After as whole seconds or an HTTP date.
func retryAfterOf(resp *http.Response) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, time.Until(t)), true
	}
	return 0, false
}

// isNotFound reports an ARM 404.
func isNotFound(err error) bool { return arm.IsNotFound(err) }

// asAuth converts the ARM client's credential failure into the public
// *workspace.AuthError; other errors are returned as they are.
func asAuth(ws *workspace.Workspace, err error) error {
	var ae *arm.AuthError
	if errors.As(err, &ae) {
		return &workspace.AuthError{Workspace: ws.ID(), Err: ae.Err}
	}
	return err
}
