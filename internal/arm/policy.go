package arm

import (
	"context"
	"errors"
	"net"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// readOperation marks a request that only reads (a POST such as listKeys or
// listNodes), so the retry guard may send it again after a dropped
// connection. GET and HEAD are reads by their method.
type readOperation bool

// markRead records on req that it only reads.
func markRead(req *policy.Request) { req.SetOperationValue(readOperation(true)) }

// isRead reports whether req may be sent again when its outcome is unknown.
func isRead(req *policy.Request) bool {
	switch req.Raw().Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	var r readOperation
	return req.OperationValue(&r) && bool(r)
}

// retryGuard runs inside azcore's retry loop, once per try. When a write got
// no response, the service may have carried it out, so the guard marks the
// error non-retriable and azcore returns it instead of sending the write
// again. A connection that was never opened (a dial error) and responses
// with a status code (429, 5xx: the service says it did not act) are left to
// the retry policy.
type retryGuard struct{}

// Do implements policy.Policy.
func (retryGuard) Do(req *policy.Request) (*http.Response, error) {
	resp, err := req.Next()
	if err == nil || isRead(req) || notSent(err) || req.Raw().Context().Err() != nil {
		return resp, err
	}
	return resp, &notRetriedError{err: err}
}

// notSent reports whether err shows that the request never left the client.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// notRetriedError is a write's transport error that must not be retried.
// Its NonRetriable method is the marker azcore's retry policy looks for.
type notRetriedError struct{ err error }

// Error says the write was not sent again, and why.
func (e *notRetriedError) Error() string {
	return "arm: no response to a write, not sent again (it may have been carried out): " + e.err.Error()
}

// Unwrap returns the transport error.
func (e *notRetriedError) Unwrap() error { return e.err }

// NonRetriable tells azcore's retry policy not to retry.
func (*notRetriedError) NonRetriable() {}

// authCredential turns every credential failure into an *AuthError, so a
// caller can tell "the credential failed" from "the service said no".
type authCredential struct{ cred azcore.TokenCredential }

// GetToken implements azcore.TokenCredential.
func (a authCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	tk, err := a.cred.GetToken(ctx, opts)
	if err != nil {
		return azcore.AccessToken{}, &AuthError{Err: err}
	}
	return tk, nil
}
