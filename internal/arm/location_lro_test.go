package arm_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
)

// locationOnlyServer answers DELETE with 202 + Location + Retry-After (no
// Azure-AsyncOperation), keeps the Location answering 202 for polls202
// polls, then 204. The emulator always sends Azure-AsyncOperation for
// compute operations, so this one case needs its own tiny handler; it is
// not a stand-in for the emulator elsewhere.
type locationOnlyServer struct {
	mu       sync.Mutex
	polls    []time.Time
	deletes  int
	polls202 int
}

func (l *locationOnlyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case r.Method == http.MethodDelete:
		l.deletes++
		w.Header().Set("Location", "https://"+r.Host+"/operationResults/op1?api-version="+r.URL.Query().Get("api-version"))
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusAccepted)
	case r.Method == http.MethodGet && r.URL.Path == "/operationResults/op1":
		l.polls = append(l.polls, time.Now())
		if len(l.polls) <= l.polls202 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusAccepted)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		http.NotFound(w, r)
	}
}

func TestLocationOnlyDelete(t *testing.T) {
	h := &locationOnlyServer{polls202: 1}
	ts := httptest.NewTLSServer(h)
	t.Cleanup(ts.Close)
	o := &arm.ClientOptions{}
	o.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: ts.URL, Audience: "https://management.azure.com"}}}
	o.Transport = ts.Client()
	c, err := arm.NewClient(staticCredential("t"), o)
	require.NoError(t, err)
	ws := arm.WorkspaceID{SubscriptionID: "s", ResourceGroup: "rg", Name: "ws"}

	begun := time.Now()
	p, err := c.BeginDeleteCompute(t.Context(), ws, "vm1", arm.UnderlyingResourceActionDelete, nil)
	require.NoError(t, err)
	_, err = p.PollUntilDone(t.Context(), &pollFast)
	require.NoError(t, err)

	h.mu.Lock()
	defer h.mu.Unlock()
	require.Equal(t, 1, h.deletes)
	require.Len(t, h.polls, 2, "one 202, then the 204 that ends it")
	require.GreaterOrEqual(t, h.polls[0].Sub(begun), time.Second, "initial Retry-After honoured")
	require.GreaterOrEqual(t, h.polls[1].Sub(h.polls[0]), time.Second, "poll Retry-After honoured")
}
