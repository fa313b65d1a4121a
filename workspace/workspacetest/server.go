package workspacetest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// Options configures a [Server]. A nil *Options, and every zero field, means
// the documented default.
type Options struct {
	// SubscriptionID, ResourceGroup, Workspace and Location identify the one
	// workspace the server hosts. Defaults:
	// "00000000-0000-0000-0000-000000000000", "rg", "ws1", "eastus".
	SubscriptionID, ResourceGroup, Workspace, Location string

	// ProvisioningDelay is how long a compute create, update or delete takes
	// (default 2s).
	ProvisioningDelay time.Duration

	// RetryAfter is the Retry-After sent on long-running operation responses
	// (default 1s; sent in whole seconds, rounded up, at least 1).
	RetryAfter time.Duration

	// Logf, when set, receives one line per request (method, path, status).
	// Bodies are never logged.
	Logf func(format string, args ...any)

	// APIVersions is the set of api-version values the server accepts
	// (default [DefaultAPIVersions]).
	APIVersions []string

	// PageSize is the number of items per page of Compute_List and
	// Compute_ListNodes (default 20).
	PageSize int

	// NodeStartDelay is how long a cluster node stays "preparing" after a
	// scale-up before it can run work (default 1s).
	NodeStartDelay time.Duration

	// IdleTimeScale multiplies every cluster's nodeIdleTimeBeforeScaleDown,
	// so tests can use realistic settings ("PT120S") and still run fast:
	// 0.01 turns two minutes into 1.2s (default 1).
	IdleTimeScale float64

	// Now is the server's clock (default time.Now). Provisioning, operation
	// status and cluster scaling are computed from it whenever a request
	// arrives, so a test that owns the clock controls them exactly.
	Now func() time.Time

	// VMSizes is the list served by VirtualMachineSizes_List and accepted as
	// AmlCompute vmSize (default [DefaultVMSizes]).
	VMSizes []VMSize

	// Storage is the blob account the workspace uses: the default datastore
	// workspaceblobstore, code uploads (startPendingUpload), job logs and
	// outputs live there. Point it at an Azurite. Nil: datastores list
	// empty, and the code, job and run-history endpoints that need storage
	// answer 501 StorageNotConfigured.
	Storage *BlobStorage

	// JobStateDelay is how long a job stays, at least, in each state
	// before Running (NotStarted, Queued, Preparing, Starting) and in
	// Finalizing, in real time (default 200ms).
	JobStateDelay time.Duration
}

// DefaultAPIVersions are the api-version values a server accepts when
// [Options.APIVersions] is empty: the stable versions whose compute wire
// format is the one this package emulates.
func DefaultAPIVersions() []string {
	return []string{"2024-04-01", "2024-10-01", "2025-09-01", "2025-12-01", "2026-03-01", "2026-05-01", "2026-07-01"}
}

// Server is an emulated Azure Resource Manager endpoint hosting one Azure
// Machine Learning workspace and its compute targets. It is safe for
// concurrent use. Create it with [NewServer] and Close it when done.
type Server struct {
	ts     *httptest.Server
	opts   Options
	token  string
	faults *Faults
	// tag names this server's pending-upload containers, so that
	// servers sharing one storage account (one Azurite) keep them apart
	// as workspaces with storage accounts of their own would.
	tag string

	mu       sync.Mutex
	requests []Request
	computes map[string]*compute // key: lower-cased name
	ops      map[string]*operation
	seq      int

	blob   *blobStore // nil when Options.Storage is nil
	codes  *assetStore
	envs   *assetStore
	jobs   map[string]*job // key: job name (case-sensitive)
	jobOps map[string]*jobOp
	runs   sync.WaitGroup // job runners
}

// Request is one request the server received, recorded raw (bodies are
// not redacted, so tests can check what a client sent), together with the
// status and Retry-After of the response it got.
type Request struct {
	Method string
	Path   string     // the URL path, as sent
	Query  url.Values // the URL query (api-version, $skip, underlyingResourceAction...)
	Header http.Header
	Body   []byte    // raw, secrets included
	Time   time.Time // arrival, by [Options.Now]

	// Status is the response status code, 0 when the connection was
	// dropped by a fault.
	Status int
	// RetryAfter is the Retry-After the response carried, 0 when none.
	RetryAfter time.Duration
}

// NewServer starts an HTTPS emulator (a TLS httptest server: azcore's
// bearer-token policy refuses plain http). opts may be nil.
func NewServer(opts *Options) *Server {
	s := &Server{
		opts:     withDefaults(opts),
		token:    randomHex(16),
		tag:      randomHex(4),
		computes: map[string]*compute{},
		ops:      map[string]*operation{},
	}
	s.faults = &Faults{}
	s.codes, s.envs = newAssetStore(codeKind()), newAssetStore(envKind())
	s.jobs, s.jobOps = map[string]*job{}, map[string]*jobOp{}
	if s.opts.Storage != nil {
		s.blob = newBlobStore(s.opts.Storage)
	}
	s.ts = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	return s
}

func withDefaults(in *Options) Options {
	var o Options
	if in != nil {
		o = *in
	}
	for p, v := range map[*string]string{&o.SubscriptionID: "00000000-0000-0000-0000-000000000000",
		&o.ResourceGroup: "rg", &o.Workspace: "ws1", &o.Location: "eastus"} {
		if *p == "" {
			*p = v
		}
	}
	if o.ProvisioningDelay <= 0 {
		o.ProvisioningDelay = 2 * time.Second
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = time.Second
	}
	if len(o.APIVersions) == 0 {
		o.APIVersions = DefaultAPIVersions()
	}
	o.APIVersions = slices.Clone(o.APIVersions)
	if o.PageSize <= 0 {
		o.PageSize = 20
	}
	if o.NodeStartDelay <= 0 {
		o.NodeStartDelay = time.Second
	}
	if o.IdleTimeScale <= 0 {
		o.IdleTimeScale = 1
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if len(o.VMSizes) == 0 {
		o.VMSizes = DefaultVMSizes()
	}
	o.VMSizes = slices.Clone(o.VMSizes)
	if o.Storage != nil {
		st := *o.Storage
		o.Storage = &st
	}
	if o.JobStateDelay <= 0 {
		o.JobStateDelay = 200 * time.Millisecond
	}
	return o
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

// Close shuts the server down: it cancels every running job, killing its
// processes, waits for the job runners to end, and closes client
// connections.
func (s *Server) Close() {
	s.stopJobs()
	s.ts.Close()
}

// URL is the ARM endpoint, e.g. https://127.0.0.1:PORT, to use as the
// cloud's resource manager endpoint.
func (s *Server) URL() string { return s.ts.URL }

// Client returns an HTTP client that trusts the server's certificate. It
// implements azcore's policy.Transporter (its Do method).
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Credential returns a credential whose tokens the server accepts.
// Requests without "Authorization: Bearer <that token>" get 401.
func (s *Server) Credential() azcore.TokenCredential {
	return &credential{token: s.token}
}

// WorkspaceID is the ARM id of the hosted workspace:
// /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}.
func (s *Server) WorkspaceID() string {
	return "/subscriptions/" + s.opts.SubscriptionID + "/resourceGroups/" + s.opts.ResourceGroup +
		"/providers/Microsoft.MachineLearningServices/workspaces/" + s.opts.Workspace
}

// Faults is the server's fault injector.
func (s *Server) Faults() *Faults { return s.faults }

// Requests returns a copy of every request received so far, in arrival
// order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// now reads the configured clock.
func (s *Server) now() time.Time { return s.opts.Now() }

// equalFold reports whether two ARM path segments name the same thing
// (ARM compares names case-insensitively).
func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
