package workspacetest

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// recorder captures the status and Retry-After of a response.
type recorder struct {
	http.ResponseWriter
	status     int
	retryAfter time.Duration
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
		if secs, err := strconv.Atoi(r.Header().Get("Retry-After")); err == nil {
			r.retryAfter = time.Duration(secs) * time.Second
		}
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (Hijack).
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// serve is the server's handler: record, set the request-id headers,
// inject faults, authenticate, check the api-version, route.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body) // a short read is recorded as is
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := &recorder{ResponseWriter: w}
	id := uuidLike()
	w.Header().Set("x-ms-request-id", id)
	w.Header().Set("x-ms-correlation-request-id", id)
	if c := r.Header.Get("x-ms-client-request-id"); c != "" {
		w.Header().Set("x-ms-client-request-id", c)
	}
	// Recorded on arrival (a dropped connection is visible at once), the
	// response's status and Retry-After filled in before it is complete.
	s.mu.Lock()
	idx := len(s.requests)
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(),
		Header: r.Header.Clone(), Body: body, Time: s.now()})
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.requests[idx].Status, s.requests[idx].RetryAfter = rec.status, rec.retryAfter
		s.mu.Unlock()
		s.logf("workspacetest: %s %s -> %d", r.Method, r.URL.Path, rec.status)
	}()
	if f := s.faults.forRequest(r); f != nil {
		inject(rec, f)
		return
	}
	if r.Method == http.MethodGet && r.URL.Path == discoveryPath {
		s.discovery(rec)
		return
	}
	if isHistoryPath(r.URL.Path) { // data plane: no api-version
		if s.authorize(rec, r) {
			s.routeHistory(rec, r)
		}
		return
	}
	if !s.authorize(rec, r) || !s.checkAPIVersion(rec, r) {
		return
	}
	s.route(rec, r)
}

// checkAPIVersion answers 400 when api-version is missing or unsupported.
func (s *Server) checkAPIVersion(w http.ResponseWriter, r *http.Request) bool {
	v := r.URL.Query().Get("api-version")
	if v == "" {
		writeError(w, http.StatusBadRequest, "MissingApiVersionParameter",
			"The api-version query parameter (?api-version=) is required for all requests.", "api-version")
		return false
	}
	if !slices.Contains(s.opts.APIVersions, v) {
		writeError(w, http.StatusBadRequest, "InvalidApiVersionParameter",
			"The api-version '"+v+"' is invalid. The supported versions are '"+
				strings.Join(s.opts.APIVersions, ",")+"'.", "api-version")
		return false
	}
	return true
}

const provider = "Microsoft.MachineLearningServices"

// route dispatches an authenticated ARM request by path shape.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	seg := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case len(seg) >= 6 && equalFold(seg[0], "subscriptions") && equalFold(seg[2], "providers") &&
		equalFold(seg[3], provider) && equalFold(seg[4], "locations"):
		s.routeLocation(w, r, seg)
	case len(seg) >= 8 && equalFold(seg[0], "subscriptions") && equalFold(seg[2], "resourceGroups") &&
		equalFold(seg[4], "providers") && equalFold(seg[5], provider) && equalFold(seg[6], "workspaces"):
		s.routeWorkspace(w, r, seg)
	default:
		writeError(w, http.StatusNotFound, "InvalidResourceType",
			"The resource type could not be found for path '"+r.URL.Path+"'.", "")
	}
}

// routeLocation serves /subscriptions/{sub}/providers/{provider}/locations/{loc}/...
func (s *Server) routeLocation(w http.ResponseWriter, r *http.Request, seg []string) {
	if !s.knownSubscription(w, seg[1]) {
		return
	}
	switch {
	case len(seg) == 7 && equalFold(seg[6], "vmSizes") && r.Method == http.MethodGet:
		s.listVMSizes(w, seg[5])
	case len(seg) == 8 && equalFold(seg[6], opStatusSegment) && r.Method == http.MethodGet:
		s.operationStatus(w, seg[7])
	case len(seg) == 8 && equalFold(seg[6], opResultSegment) && r.Method == http.MethodGet:
		s.operationResult(w, seg[7])
	case len(seg) == 8 && equalFold(seg[6], jobOpSegment) && r.Method == http.MethodGet:
		s.jobOperationResult(w, seg[7])
	default:
		methodOrPathNotFound(w, r)
	}
}

// routeWorkspace serves {ws}, {ws}/computes and {ws}/computes/{name}[/action],
// and hands codes, environments, datastores and jobs to their routers.
func (s *Server) routeWorkspace(w http.ResponseWriter, r *http.Request, seg []string) {
	if !s.knownWorkspace(w, seg[1], seg[3], seg[7]) {
		return
	}
	rest := seg[8:]
	switch {
	case len(rest) >= 1 && equalFold(rest[0], "codes"):
		s.routeAsset(w, r, s.codes, rest[1:])
	case len(rest) >= 1 && equalFold(rest[0], "environments"):
		s.routeAsset(w, r, s.envs, rest[1:])
	case len(rest) >= 1 && equalFold(rest[0], "datastores"):
		s.routeDatastores(w, r, rest[1:])
	case len(rest) >= 1 && equalFold(rest[0], "jobs"):
		s.routeJobs(w, r, rest[1:])
	case len(rest) == 0 && r.Method == http.MethodGet:
		s.getWorkspace(w)
	case len(rest) == 1 && equalFold(rest[0], "computes") && r.Method == http.MethodGet:
		s.listComputes(w, r)
	case len(rest) == 2 && equalFold(rest[0], "computes"):
		s.routeCompute(w, r, rest[1])
	case len(rest) == 3 && equalFold(rest[0], "computes") && equalFold(rest[2], "listKeys") && r.Method == http.MethodPost:
		s.listKeys(w, rest[1])
	case len(rest) == 3 && equalFold(rest[0], "computes") && equalFold(rest[2], "listNodes") &&
		(r.Method == http.MethodPost || r.Method == http.MethodGet): // nextLink may be followed with GET
		s.listNodes(w, r, rest[1])
	default:
		methodOrPathNotFound(w, r)
	}
}

func (s *Server) routeCompute(w http.ResponseWriter, r *http.Request, name string) {
	switch r.Method {
	case http.MethodGet:
		s.getCompute(w, name)
	case http.MethodPut:
		s.putCompute(w, r, name)
	case http.MethodPatch:
		s.patchCompute(w, r, name)
	case http.MethodDelete:
		s.deleteCompute(w, r, name)
	default:
		methodOrPathNotFound(w, r)
	}
}

func methodOrPathNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, "InvalidResourceType",
		"No route for "+r.Method+" '"+r.URL.Path+"'.", "")
}

// knownSubscription answers 404 SubscriptionNotFound for any other subscription.
func (s *Server) knownSubscription(w http.ResponseWriter, sub string) bool {
	if !equalFold(sub, s.opts.SubscriptionID) {
		writeError(w, http.StatusNotFound, "SubscriptionNotFound", "The subscription '"+sub+"' could not be found.", "")
		return false
	}
	return true
}

// knownWorkspace answers the 404 ARM gives for another subscription,
// resource group or workspace.
func (s *Server) knownWorkspace(w http.ResponseWriter, sub, rg, ws string) bool {
	if !s.knownSubscription(w, sub) {
		return false
	}
	if !equalFold(rg, s.opts.ResourceGroup) {
		writeError(w, http.StatusNotFound, "ResourceGroupNotFound", "Resource group '"+rg+"' could not be found.", "")
		return false
	}
	if !equalFold(ws, s.opts.Workspace) {
		notFound(w, "The Resource '"+provider+"/workspaces/"+ws+"' under resource group '"+rg+"' was not found.")
		return false
	}
	return true
}
