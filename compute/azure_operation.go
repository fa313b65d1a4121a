package compute

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// defaultPollInterval is the wait between polls when a response carries
// no Retry-After.
const defaultPollInterval = 10 * time.Second

// AzureOperation is a long-running operation on a compute target of an
// Azure workspace (create, update, attach, delete, detach), started and
// not yet waited for. T is what it ends with: the target for a create,
// update or attach, a *[DeleteResult] for a delete or detach.
//
// [AzureOperation.WaitForCompletion] polls at the pace the service asks
// for with Retry-After, never faster; [AzureOperation.Poller] is the same
// operation as an azcore poller (PollUntilDone, Poll, Done, Result) for
// callers who drive it themselves. Use one or the other. It is safe for
// concurrent use; waits are serialized.
type AzureOperation[T any] struct {
	name    string
	state   string // the state printed first ("Creating", "Deleting"...)
	poller  *runtime.Poller[T]
	rec     *responseRecorder
	summary func(T) []string

	mu       sync.Mutex
	next     time.Duration // the wait before the next poll, once started
	started  bool
	finished bool
	res      T
	err      error
}

// pollHandler adapts the ARM client's poller to the public result type.
type pollHandler[In, Out any] struct {
	inner *runtime.Poller[In]
	conv  func(ctx context.Context, in In, err error) (Out, error)
}

func (h *pollHandler[In, Out]) Done() bool { return h.inner.Done() }

func (h *pollHandler[In, Out]) Poll(ctx context.Context) (*http.Response, error) {
	return h.inner.Poll(ctx)
}

func (h *pollHandler[In, Out]) Result(ctx context.Context, out *Out) error {
	in, err := h.inner.Result(ctx)
	o, err := h.conv(ctx, in, err)
	*out = o
	return err
}

// newOperation wraps inner; conv turns its result (or failure) into T.
func newOperation[In, T any](name, state string, rec *responseRecorder, inner *runtime.Poller[In],
	conv func(context.Context, In, error) (T, error), summary func(T) []string) (*AzureOperation[T], error) {
	p, err := runtime.NewPoller[T](nil, runtime.Pipeline{}, &runtime.NewPollerOptions[T]{
		Handler: &pollHandler[In, T]{inner: inner, conv: conv}})
	if err != nil {
		return nil, fmt.Errorf("compute: %s: %w", name, err)
	}
	return &AzureOperation[T]{name: name, state: state, poller: p, rec: rec, summary: summary}, nil
}

// Poller returns the operation as an azcore poller. Its Result is the
// same as WaitForCompletion's; resume tokens are not supported.
func (op *AzureOperation[T]) Poller() *runtime.Poller[T] { return op.poller }

// WaitForCompletion waits until the operation ends and returns its
// result. It waits first as long as the response that started the
// operation asked (Retry-After), then polls once per Retry-After of the
// previous poll (10 s when a response has none), so it sends exactly the
// requests the service asks for, plus the final read of the resource.
//
// When out is not nil it writes the progress as the SDK's
// wait_for_completion(show_output=True) does: the provisioning state when
// it changes and a dot per poll otherwise, then the final state with the
// node counts (AmlCompute) or the errors. Ending ctx stops waiting, not
// the operation; WaitForCompletion may be called again. Once finished,
// later calls return the same result. A failed operation is a
// *[ProvisioningError] carrying the ARM error code.
func (op *AzureOperation[T]) WaitForCompletion(ctx context.Context, out io.Writer) (T, error) {
	op.mu.Lock()
	defer op.mu.Unlock()
	if op.finished {
		return op.res, op.err
	}
	if out == nil {
		out = io.Discard
	}
	if !op.started {
		fmt.Fprint(out, op.state)
	}
	last := op.state
	delay, ok := op.rec.last()
	switch {
	case op.started:
		delay = op.next
	case !ok:
		delay = defaultPollInterval
	}
	op.started = true
	for !op.poller.Done() {
		op.next = delay
		if err := sleepCtx(ctx, delay); err != nil {
			var zero T
			return zero, err
		}
		resp, err := op.poller.Poll(ctx)
		if err != nil {
			var zero T
			return zero, fmt.Errorf("compute: wait for %q: %w", op.name, err)
		}
		if st := stateOf(resp, op.state); st != last {
			fmt.Fprintf(out, "\n%s", st)
			last = st
		} else {
			fmt.Fprint(out, ".")
		}
		if delay, ok = retryAfterOf(resp); !ok {
			delay = defaultPollInterval
		}
	}
	op.res, op.err = op.poller.Result(ctx)
	op.finished = true
	op.report(out)
	return op.res, op.err
}

// report writes the outcome.
func (op *AzureOperation[T]) report(out io.Writer) {
	if op.err != nil {
		fmt.Fprintf(out, "\nFailed\n%v\n", op.err)
		return
	}
	fmt.Fprint(out, "\nSucceeded\n")
	if op.summary != nil {
		for _, l := range op.summary(op.res) {
			fmt.Fprintln(out, l)
		}
	}
}

// stateOf reads the state a poll response reports: the operation status
// ("InProgress" is shown as the operation's own state) or a compute's
// provisioningState.
func stateOf(resp *http.Response, running string) string {
	body, err := runtime.Payload(resp)
	if err != nil || len(body) == 0 {
		return running
	}
	var v struct {
		Status     string `json:"status"`
		Properties *struct {
			ProvisioningState string `json:"provisioningState"`
		} `json:"properties"`
	}
	if json.Unmarshal(body, &v) != nil {
		return running
	}
	switch {
	case v.Status != "" && v.Status != "InProgress":
		return v.Status
	case v.Properties != nil && v.Properties.ProvisioningState != "":
		return v.Properties.ProvisioningState
	}
	return running
}
