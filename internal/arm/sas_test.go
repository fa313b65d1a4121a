package arm_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
)

func TestSASURLNeverPrintsItsSignature(t *testing.T) {
	u := arm.SASURL("https://acct.blob.core.windows.net/c/b?sv=1&sig=SECRET")
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("x", "u", u)
	b, err := json.Marshal(struct{ U arm.SASURL }{u})
	require.NoError(t, err)
	for _, s := range []string{u.String(), fmt.Sprintf("%v|%+v|%#v|%s|%q|%x", u, u, u, u, u, u), logs.String(), string(b)} {
		require.NotContains(t, s, "SECRET")
	}
	require.Equal(t, "https://acct.blob.core.windows.net/c/b?REDACTED", u.Redacted())
	require.Contains(t, u.Reveal(), "sig=SECRET")
}

func TestReadBlobRange(t *testing.T) {
	body := []byte("0123456789")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			w.Header().Set("x-ms-error-code", "BlobNotFound")
			w.WriteHeader(http.StatusNotFound)
			return
		}
		require.Empty(t, r.Header.Get("Authorization"), "a SAS request carries no bearer token")
		http.ServeContent(w, r, "log", time.Time{}, bytes.NewReader(body))
	}))
	t.Cleanup(srv.Close)
	c, err := arm.NewClient(staticCredential("t"), nil)
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		path string
		from int64
		want string
		code int
	}{
		{"whole", "/log", 0, "0123456789", 0},
		{"from an offset", "/log", 6, "6789", 0},
		{"at the end", "/log", 10, "", 0},
		{"missing blob", "/missing", 0, "", http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			n, err := c.ReadBlobRange(t.Context(), arm.SASURL(srv.URL+tc.path+"?sig=SECRET"), tc.from, &out)
			if tc.code != 0 {
				var be *arm.BlobError
				require.True(t, errors.As(err, &be))
				require.Equal(t, tc.code, be.StatusCode)
				require.Equal(t, "BlobNotFound", be.ErrorCode)
				require.NotContains(t, err.Error(), "SECRET")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, out.String())
			require.Equal(t, int64(len(tc.want)), n)
		})
	}
}
