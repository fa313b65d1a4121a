package compute

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/azureml-go/azureml/workspace"
)

// ErrNotSupported is matched (errors.Is) by a *[NotSupportedError].
var ErrNotSupported = errors.New("compute: not supported")

// NotSupportedError reports an operation the workspace's backend cannot
// do, such as attaching Azure Batch to an Azure workspace: the current
// ARM API has no Batch compute type. Nothing was sent.
type NotSupportedError struct {
	// Kind is the kind of target.
	Kind Kind
	// Operation is what was asked ("attach").
	Operation string
	// Reason says why, and what to do instead.
	Reason string
}

// Error implements error.
func (e *NotSupportedError) Error() string {
	return fmt.Sprintf("compute: %s %s is not supported: %s", e.Operation, e.Kind, e.Reason)
}

// Is reports whether target is [ErrNotSupported].
func (e *NotSupportedError) Is(target error) bool { return target == ErrNotSupported }

// ServiceError is an error answer of the Azure Resource Manager to an
// operation on a compute target. Code is the ARM error code
// (QuotaExceeded, BadRequest...); Err is the *azcore.ResponseError, so
// errors.As to it also works.
type ServiceError struct {
	// Operation is what was asked (create, get, update, delete...).
	Operation string
	// Name is the target's name.
	Name string
	// StatusCode is the HTTP status.
	StatusCode int
	// Code and Message are the ARM error's.
	Code, Message string
	// Err is the underlying *azcore.ResponseError.
	Err error
}

// Error implements error.
func (e *ServiceError) Error() string {
	return fmt.Sprintf("compute: %s %q: %s (HTTP %d): %s", e.Operation, e.Name, e.Code, e.StatusCode, e.Message)
}

// Unwrap returns the *azcore.ResponseError.
func (e *ServiceError) Unwrap() error { return e.Err }

// ProvisioningError reports a compute operation that Azure accepted and
// that then ended Failed or Canceled: Code is the operation's ARM error
// code, Errors the compute's provisioningErrors when it could be read.
type ProvisioningError struct {
	// Name is the target's name.
	Name string
	// State is the final provisioning state (Failed, Canceled).
	State string
	// Code and Message are the operation's ARM error.
	Code, Message string
	// Errors are the compute's provisioning errors.
	Errors []ErrorInfo
	// Err is the underlying *azcore.ResponseError.
	Err error
}

// Error implements error.
func (e *ProvisioningError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "compute: provisioning %q ended %s: %s: %s", e.Name, e.State, e.Code, e.Message)
	for _, x := range e.Errors {
		if x.Code != e.Code || x.Message != e.Message {
			fmt.Fprintf(&b, "; %s: %s", x.Code, x.Message)
		}
	}
	return b.String()
}

// Unwrap returns the *azcore.ResponseError.
func (e *ProvisioningError) Unwrap() error { return e.Err }

// ErrorInfo is one error Azure reports about a compute (a provisioning
// error, or a node setup error of a cluster).
type ErrorInfo struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// armError reads the ARM error envelope ({"error":{"code","message"}},
// also the shape of a failed operation status) from a response error.
func armError(re *azcore.ResponseError) ErrorInfo {
	info := ErrorInfo{Code: re.ErrorCode}
	if re.RawResponse != nil {
		if body, err := runtime.Payload(re.RawResponse); err == nil {
			var env struct {
				Error *ErrorInfo `json:"error"`
			}
			if json.Unmarshal(body, &env) == nil && env.Error != nil {
				info.Message = env.Error.Message
				if info.Code == "" {
					info.Code = env.Error.Code
				}
			}
		}
	}
	if info.Code == "" {
		info.Code = http.StatusText(re.StatusCode)
	}
	return info
}

// azureError maps an ARM failure of op on name to the package's typed
// errors: 404 is a *NotFoundError, 401/403 and credential failures a
// *workspace.AuthError, 409 on attach a *ConflictError, any other answer
// a *ServiceError. Errors without a response (network, ctx) are wrapped.
func azureError(ws *workspace.Workspace, op, name string, err error) error {
	err = asAuth(ws, err)
	var ae *workspace.AuthError
	if errors.As(err, &ae) {
		return err
	}
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		return fmt.Errorf("compute: %s %q: %w", op, name, err)
	}
	info := armError(re)
	switch re.StatusCode {
	case http.StatusNotFound:
		return &NotFoundError{Name: name, Reason: "not in Azure workspace " + ws.Name() + " (" + info.Code + ")", Err: err}
	case http.StatusUnauthorized, http.StatusForbidden:
		return &workspace.AuthError{Workspace: ws.ID(), StatusCode: re.StatusCode, Err: err}
	}
	return &ServiceError{Operation: op, Name: name, StatusCode: re.StatusCode, Code: info.Code, Message: info.Message, Err: err}
}
