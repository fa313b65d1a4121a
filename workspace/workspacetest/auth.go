package workspacetest

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// credential hands out the one token its server accepts.
type credential struct{ token string }

var _ azcore.TokenCredential = (*credential)(nil)

// GetToken returns the server's token, valid for an hour.
func (c *credential) GetToken(ctx context.Context, _ policy.TokenRequestOptions) (azcore.AccessToken, error) {
	if err := ctx.Err(); err != nil {
		return azcore.AccessToken{}, err
	}
	return azcore.AccessToken{Token: c.token, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// String keeps the token out of %v.
func (c *credential) String() string { return "workspacetest.credential{token: REDACTED}" }

// GoString keeps the token out of %#v.
func (c *credential) GoString() string { return c.String() }

// authorize checks the bearer token the way ARM does: 401
// AuthenticationFailed when the header is missing or malformed,
// 401 InvalidAuthenticationToken when the token is not the server's.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if h == "" || !ok || !strings.EqualFold(scheme, "Bearer") {
		w.Header().Set("WWW-Authenticate", `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`)
		writeError(w, http.StatusUnauthorized, "AuthenticationFailed",
			"Authentication failed. The 'Authorization' header is missing or is not a bearer token.", "")
		return false
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(s.token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token is invalid."`)
		writeError(w, http.StatusUnauthorized, "InvalidAuthenticationToken",
			"The access token is invalid.", "")
		return false
	}
	return true
}
