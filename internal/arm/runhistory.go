package arm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// RunHistory is the run history data plane of one workspace: run details
// and their log files. Get one with Client.NewRunHistory; it is safe for
// concurrent use.
type RunHistory struct {
	c    *Client
	base string // the discovery "api" URL, without a trailing slash
	ws   WorkspaceID
}

// NewRunHistory finds the workspace's data-plane endpoint, the "api" key
// of the answer of its discovery URL (Workspaces_Get, then a GET of
// properties.discoveryUrl), and returns its run history. Requests carry
// the client's ARM token, as azure-ai-ml sends it.
func (c *Client) NewRunHistory(ctx context.Context, ws WorkspaceID) (*RunHistory, error) {
	w, err := c.GetWorkspace(ctx, ws)
	if err != nil {
		return nil, err
	}
	if w.Properties == nil || w.Properties.DiscoveryURL == "" {
		return nil, &ValidationError{Field: "properties.discoveryUrl", Reason: "missing from workspace " + ws.Name}
	}
	req, err := runtime.NewRequest(ctx, http.MethodGet, w.Properties.DiscoveryURL)
	if err != nil {
		return nil, fmt.Errorf("arm: discovery: %w", err)
	}
	var urls map[string]string
	if err := c.send(req, &urls, http.StatusOK); err != nil {
		return nil, err
	}
	api := urls["api"]
	if u, perr := url.Parse(api); api == "" || perr != nil || u.Host == "" {
		return nil, &ValidationError{Field: "discovery api", Value: api, Reason: "must be an absolute URL"}
	}
	return c.RunHistoryAt(api, ws), nil
}

// RunHistoryAt returns the run history of ws at a known data-plane
// endpoint (the discovery "api" URL), without any request.
func (c *Client) RunHistoryAt(api string, ws WorkspaceID) *RunHistory {
	return &RunHistory{c: c, base: strings.TrimRight(api, "/"), ws: ws}
}

// Endpoint returns the data-plane endpoint.
func (h *RunHistory) Endpoint() string { return h.base }

// GetRunDetails reads a run's details (GET
// {api}/history/v1.0{workspace id}/runs/{runId}/details): its status,
// times, warnings, error and the SAS URLs of its log files. The run id of
// a job is the job's name.
func (h *RunHistory) GetRunDetails(ctx context.Context, runID string) (*RunDetails, error) {
	if err := h.ws.Validate(); err != nil {
		return nil, err
	}
	if err := checkSegment("run id", runID); err != nil {
		return nil, err
	}
	req, err := runtime.NewRequest(ctx, http.MethodGet, h.base+"/history/v1.0"+h.ws.String()+"/runs/"+url.PathEscape(runID)+"/details")
	if err != nil {
		return nil, fmt.Errorf("arm: run details: %w", err)
	}
	req.Raw().Header.Set("Accept", "application/json")
	var out RunDetails
	if err := h.c.send(req, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return &out, nil
}

// ReadLog writes the log file at u (a SAS URL from RunDetails.LogFiles)
// to w from byte offset from to its current end, with a ranged GET, and
// returns the bytes written. Nothing past the end yet is not an error: it
// writes nothing. Errors are *BlobError, without the SAS.
func (h *RunHistory) ReadLog(ctx context.Context, u SASURL, from int64, w io.Writer) (int64, error) {
	return h.c.ReadBlobRange(ctx, u, from, w)
}

// ReadBlobRange writes the blob at u (a SAS URL) from byte offset from to
// its end to w, and returns the bytes written; a range past the end writes
// nothing. The request carries no bearer token. Errors are *BlobError,
// whose text holds the URL without its query.
func (c *Client) ReadBlobRange(ctx context.Context, u SASURL, from int64, w io.Writer) (int64, error) {
	if from < 0 {
		return 0, &ValidationError{Field: "from", Value: strconv.FormatInt(from, 10), Reason: "must be >= 0"}
	}
	req, err := runtime.NewRequest(ctx, http.MethodGet, u.Reveal())
	if err != nil {
		return 0, &BlobError{Op: "read", URL: u.Redacted(), Err: errors.New("invalid URL")}
	}
	req.Raw().Header.Set("Range", "bytes="+strconv.FormatInt(from, 10)+"-")
	req.Raw().Header.Set("x-ms-version", "2021-12-02")
	resp, err := c.blob.Do(req)
	if err != nil {
		return 0, &BlobError{Op: "read", URL: u.Redacted(), Err: transportCause(err)}
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusRequestedRangeNotSatisfiable:
		return 0, nil
	case http.StatusOK, http.StatusPartialContent:
	default:
		return 0, &BlobError{Op: "read", URL: u.Redacted(), StatusCode: resp.StatusCode, ErrorCode: resp.Header.Get("x-ms-error-code")}
	}
	if resp.StatusCode == http.StatusOK && from > 0 { // the server ignored the range
		if _, err := io.CopyN(io.Discard, resp.Body, from); err != nil {
			return 0, nil
		}
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, &BlobError{Op: "read", URL: u.Redacted(), Err: transportCause(err)}
	}
	return n, nil
}

// transportCause strips the URL (and its SAS) from a transport error.
func transportCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// BlobError is a failed request to blob storage with a SAS URL. URL is
// redacted (no query), and Err never holds the SAS either.
type BlobError struct {
	// Op is what was done: "read", "list", "download".
	Op  string
	URL string
	// StatusCode and ErrorCode are the service's answer, when there was one.
	StatusCode int
	ErrorCode  string
	Err        error
}

// Error says what failed, on which blob, and why.
func (e *BlobError) Error() string {
	s := "arm: blob " + e.Op + " " + e.URL
	if e.StatusCode != 0 {
		s += ": " + strconv.Itoa(e.StatusCode)
		if e.ErrorCode != "" {
			s += " " + e.ErrorCode
		}
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the transport error, if any.
func (e *BlobError) Unwrap() error { return e.Err }
