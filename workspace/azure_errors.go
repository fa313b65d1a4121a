package workspace

import (
	"errors"
	"fmt"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// ErrNotFound is matched (errors.Is) by a *[NotFoundError].
var ErrNotFound = errors.New("workspace: not found")

// ErrUnauthorized is matched (errors.Is) by an *[AuthError].
var ErrUnauthorized = errors.New("workspace: unauthorized")

// NotFoundError reports an Azure workspace that does not exist (the
// service answered 404). Err is the *azcore.ResponseError with the ARM
// error code.
type NotFoundError struct {
	// ID is the ARM id that was asked for.
	ID string
	// Err is the service's answer.
	Err error
}

// Error implements error.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("workspace: %s not found (code %s): check the subscription, resource group and workspace name",
		e.ID, codeOf(e.Err))
}

// Is reports whether target is [ErrNotFound].
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Unwrap returns the service's error.
func (e *NotFoundError) Unwrap() error { return e.Err }

// AuthError reports that Azure could not be reached as someone allowed to:
// either the credential failed to produce a token (StatusCode 0; nothing
// was sent, Err is the credential's error, e.g. an
// *azidentity.AuthenticationFailedError), or the service refused the token
// (StatusCode 401 or 403; Err is the *azcore.ResponseError). It never
// holds a token or a secret.
type AuthError struct {
	// Workspace is the ARM id of the workspace being reached, if known.
	Workspace string
	// StatusCode is the service's 401 or 403, or 0 when the credential
	// itself failed.
	StatusCode int
	// Err is the underlying failure.
	Err error
}

// Error implements error, saying which of the two failures it is.
func (e *AuthError) Error() string {
	where := ""
	if e.Workspace != "" {
		where = " for " + e.Workspace
	}
	if e.StatusCode != 0 {
		return fmt.Sprintf("workspace: the service refused the credential's token%s (HTTP %d, code %s)",
			where, e.StatusCode, codeOf(e.Err))
	}
	return fmt.Sprintf("workspace: the credential failed to get a token%s: %v", where, e.Err)
}

// Is reports whether target is [ErrUnauthorized].
func (e *AuthError) Is(target error) bool { return target == ErrUnauthorized }

// Unwrap returns the underlying failure.
func (e *AuthError) Unwrap() error { return e.Err }

// statusOf returns the HTTP status of an ARM error, or 0.
func statusOf(err error) int {
	var re *azcore.ResponseError
	if errors.As(err, &re) {
		return re.StatusCode
	}
	return 0
}

// codeOf returns the ARM error code of err, or "unknown".
func codeOf(err error) string {
	var re *azcore.ResponseError
	if errors.As(err, &re) && re.ErrorCode != "" {
		return re.ErrorCode
	}
	return "unknown"
}
