package arm

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// AuthError says the credential failed to produce a token: nothing reached
// the service. Err is the credential's error, for example an
// *azidentity.AuthenticationFailedError or an
// *azidentity.CredentialUnavailableError.
type AuthError struct {
	Err error
}

// Error says the credential failed, with the credential's message.
func (e *AuthError) Error() string {
	return "arm: credential failed: " + e.Err.Error()
}

// Unwrap returns the credential's error.
func (e *AuthError) Unwrap() error { return e.Err }

// ConfigError is a client option that cannot be used.
type ConfigError struct {
	Field, Value, Reason string
}

// Error names the option, its value and what is wrong with it.
func (e *ConfigError) Error() string {
	if e.Value == "" {
		return "arm: " + e.Field + ": " + e.Reason
	}
	return "arm: " + e.Field + " " + strconv.Quote(e.Value) + ": " + e.Reason
}

// ValidationError is an argument rejected before any request was sent.
type ValidationError struct {
	Field, Value, Reason string
}

// Error names the argument, its value and what is wrong with it.
func (e *ValidationError) Error() string {
	return "arm: " + e.Field + " " + strconv.Quote(e.Value) + ": " + e.Reason
}

// IsNotFound reports whether err is the service's 404: the workspace or
// compute does not exist (as opposed to a credential or network failure).
func IsNotFound(err error) bool {
	var re *azcore.ResponseError
	return errors.As(err, &re) && re.StatusCode == http.StatusNotFound
}

// HasCode reports whether err is an *azcore.ResponseError whose ARM error
// code is one of codes (compared without case, as ARM codes are).
func HasCode(err error, codes ...string) bool {
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		return false
	}
	for _, c := range codes {
		if strings.EqualFold(re.ErrorCode, c) {
			return true
		}
	}
	return false
}

// IsAuthError reports whether err comes from the credential (see AuthError).
func IsAuthError(err error) bool {
	var ae *AuthError
	return errors.As(err, &ae)
}
