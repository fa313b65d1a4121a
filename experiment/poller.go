package experiment

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/workspace"
)

// PollerOptions tunes [Run.Poller]. A nil *PollerOptions means defaults.
type PollerOptions struct {
	// MinInterval is the wait between polls that a poll asks for when the
	// run's status has just changed; each poll that finds it unchanged
	// doubles the wait, up to MaxInterval. Zero means 100 ms for a run
	// driven here (local, SSH) and 2 s for an Azure job.
	MinInterval time.Duration
	// MaxInterval bounds the wait between polls. Zero means 5 s for a run
	// driven here and 30 s for an Azure job.
	MaxInterval time.Duration
}

// Poller returns the run as an azcore long-running operation, the type
// every long operation of this SDK is (compute.AzureOperation.Poller is
// another), for callers who drive their waits with Poll, Done, Result,
// PollUntilDone and resume tokens.
//
// Poll reads the run's status once, as [Run.Status] does (so a run that
// has ended gets its final record and outputs). Done reports whether the
// status is final. Result returns the run's details, or for a Failed run
// a *[RunFailedError] with its log's tail, as WaitForCompletion does (and
// no details: an azcore poller returns none beside an error; Run.Details
// has them); a Canceled run gives its details with no error. ResumeToken, while
// the run goes on, gives a string that [ResumePoller] turns into the
// same poller in another process.
//
// The *http.Response of Poll is not from the wire: it is a 200 whose
// retry-after-ms header carries the pace opts asks for, which
// PollUntilDone follows (its Frequency is then not used). The log is not
// streamed; WaitForCompletion and Log do that.
func (r *Run) Poller(opts *PollerOptions) (*runtime.Poller[*Details], error) {
	h := newRunPoll(r, opts)
	p, err := runtime.NewPoller[*Details](nil, runtime.Pipeline{}, &runtime.NewPollerOptions[*Details]{Handler: h})
	if err != nil {
		return nil, fmt.Errorf("experiment: run %s: poller: %w", r.id, err)
	}
	return p, nil
}

// ResumePoller re-attaches to the run a resume token names (from
// [Run.Poller]'s ResumeToken, in this or another process) and returns
// its poller with the pace the token carries. opts is passed to
// [GetRun]. A token that is not a run poller's is a *[ValidationError].
func ResumePoller(ctx context.Context, ws *workspace.Workspace, token string, opts *GetRunOptions) (*runtime.Poller[*Details], error) {
	var wrapper struct {
		Token runPoll `json:"token"`
	}
	if err := json.Unmarshal([]byte(token), &wrapper); err != nil || wrapper.Token.RunID == "" {
		return nil, &ValidationError{Field: "token", Value: token, Reason: "not a resume token of a run poller"}
	}
	r, err := GetRun(ctx, ws, wrapper.Token.RunID, opts)
	if err != nil {
		return nil, err
	}
	h := &runPoll{run: r}
	p, err := runtime.NewPollerFromResumeToken[*Details](token, runtime.Pipeline{},
		&runtime.NewPollerFromResumeTokenOptions[*Details]{Handler: h})
	if err != nil {
		return nil, &ValidationError{Field: "token", Value: token, Reason: err.Error()}
	}
	return p, nil
}

// runPoll is the polling handler of a run. Its exported fields are the
// resume token.
type runPoll struct {
	RunID string `json:"runId"`
	// Status is the status the last poll saw.
	Status Status `json:"status,omitempty"`
	// Min, Max and Next are the pace in milliseconds.
	Min  int64 `json:"minIntervalMs"`
	Max  int64 `json:"maxIntervalMs"`
	Next int64 `json:"nextIntervalMs"`

	run *Run
}

// newRunPoll makes r's handler with the pace of opts.
func newRunPoll(r *Run, opts *PollerOptions) *runPoll {
	lo, hi := 100*time.Millisecond, 5*time.Second
	if _, ok := r.runner.(*compute.AzureRunner); ok {
		lo, hi = 2*time.Second, 30*time.Second
	}
	if opts != nil && opts.MinInterval > 0 {
		lo = opts.MinInterval
	}
	if opts != nil && opts.MaxInterval > 0 {
		hi = opts.MaxInterval
	}
	hi = max(hi, lo)
	return &runPoll{RunID: r.id, Min: lo.Milliseconds(), Max: hi.Milliseconds(), Next: lo.Milliseconds(), run: r}
}

// Done implements runtime.PollingHandler.
func (h *runPoll) Done() bool { return h.Status.Terminal() }

// Poll implements runtime.PollingHandler: one status read.
func (h *runPoll) Poll(ctx context.Context) (*http.Response, error) {
	s, err := h.run.Status(ctx)
	if err != nil {
		return nil, err
	}
	wait := h.Next
	if s != h.Status {
		wait = h.Min
	}
	h.Status, h.Next = s, min(2*wait, h.Max)
	resp := &http.Response{Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{}, Body: http.NoBody}
	resp.Header.Set("retry-after-ms", strconv.FormatInt(max(wait, 1), 10))
	return resp, nil
}

// Result implements runtime.PollingHandler.
func (h *runPoll) Result(ctx context.Context, out **Details) error {
	d, err := h.run.Details(ctx)
	if err != nil {
		return err
	}
	*out = d
	if d.Status != StatusFailed {
		return nil
	}
	tail := newTailWriter(LogTailLines)
	if err := h.run.Log(ctx, tail); err != nil {
		return err
	}
	return &RunFailedError{RunID: h.run.id, Status: d.Status, Reason: d.Error, LogTail: tail.Lines()}
}
