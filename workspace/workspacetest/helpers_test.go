package workspacetest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace/workspacetest"
)

const apiVersion = "2026-07-01"

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is a server on a fake clock plus a raw authenticated HTTP client.
type env struct {
	t     *testing.T
	s     *workspacetest.Server
	clock *fakeClock
	token string
}

func newEnv(t *testing.T, opts *workspacetest.Options) *env {
	t.Helper()
	clock := newClock()
	if opts == nil {
		opts = &workspacetest.Options{}
	}
	opts.Now = clock.Now
	s := workspacetest.NewServer(opts)
	t.Cleanup(s.Close)
	tok, err := s.Credential().GetToken(t.Context(), policyOptions())
	require.NoError(t, err)
	return &env{t: t, s: s, clock: clock, token: tok.Token}
}

// response is a decoded HTTP response.
type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

// errorCode is error.code of an ARM error envelope.
func (r response) errorCode() string {
	e, _ := r.body["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

func (r response) errorTarget() string {
	e, _ := r.body["error"].(map[string]any)
	target, _ := e["target"].(string)
	return target
}

// props is properties (and properties.properties with inner).
func (r response) props(inner bool) map[string]any {
	p, _ := r.body["properties"].(map[string]any)
	if inner {
		p, _ = p["properties"].(map[string]any)
	}
	return p
}

// do sends a request to path (relative to the server, or absolute) with
// the api-version added unless the path has a query already.
func (e *env) do(method, path string, body any) response {
	e.t.Helper()
	url := path
	if !strings.HasPrefix(path, "https://") {
		url = e.s.URL() + path
		if !strings.Contains(path, "?") {
			url += "?api-version=" + apiVersion
		}
	}
	var rd io.Reader
	if body != nil {
		b, ok := body.(string)
		if !ok {
			raw, err := json.Marshal(body)
			require.NoError(e.t, err)
			b = string(raw)
		}
		rd = bytes.NewReader([]byte(b))
	}
	req, err := http.NewRequestWithContext(e.t.Context(), method, url, rd)
	require.NoError(e.t, err)
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.s.Client().Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	r := response{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 {
		require.NoError(e.t, json.Unmarshal(raw, &r.body), "body: %s", raw)
	}
	return r
}

func (e *env) compute(name string) string { return e.s.WorkspaceID() + "/computes/" + name }

// amlBody is a valid AmlCompute PUT body.
func amlBody(minNodes, maxNodes int, idle string) map[string]any {
	return map[string]any{
		"location": "eastus",
		"properties": map[string]any{
			"computeType": "AmlCompute", "description": "training cluster",
			"properties": map[string]any{
				"vmSize": "STANDARD_D2_V2", "vmPriority": "Dedicated",
				"scaleSettings": map[string]any{"minNodeCount": minNodes, "maxNodeCount": maxNodes,
					"nodeIdleTimeBeforeScaleDown": idle},
				"userAccountCredentials": map[string]any{"adminUserName": "azureuser", "adminUserPassword": "s3cret-Pa55"},
			},
		},
	}
}

// vmBody is a valid VirtualMachine attach body.
func vmBody(sub string) map[string]any {
	return map[string]any{
		"location": "eastus",
		"properties": map[string]any{
			"computeType": "VirtualMachine",
			"resourceId":  "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/my-vm",
			"properties": map[string]any{"sshPort": 22, "address": "10.0.0.4",
				"administratorAccount": map[string]any{"username": "azureuser", "privateKeyData": "-----BEGIN KEY-----xyz"}},
		},
	}
}

// create PUTs a compute and moves the clock past its provisioning.
func (e *env) create(name string, body any) {
	e.t.Helper()
	r := e.do(http.MethodPut, e.compute(name), body)
	require.Equal(e.t, http.StatusCreated, r.status, "%s", r.raw)
	e.clock.Advance(3 * time.Second)
	got := e.do(http.MethodGet, e.compute(name), nil)
	require.Equal(e.t, "Succeeded", got.props(false)["provisioningState"])
}

func policyOptions() policy.TokenRequestOptions {
	return policy.TokenRequestOptions{Scopes: []string{"https://management.azure.com/.default"}}
}
