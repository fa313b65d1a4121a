package compute

import (
	"context"
	"fmt"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Poller returns the attach as an azcore poller, the type of every long
// operation of the SDK (see [AzureOperation.Poller]): its first Poll runs
// the attach as WaitForCompletion does (without progress output), after
// which Done is true and Result gives the target or the *[AttachError].
// The attach happens in this process, so there is no resume token.
func (op *AttachOperation[T]) Poller() (*runtime.Poller[T], error) {
	p, err := runtime.NewPoller[T](nil, runtime.Pipeline{}, &runtime.NewPollerOptions[T]{Handler: &attachPoll[T]{op: op}})
	if err != nil {
		return nil, fmt.Errorf("compute: attach %q: poller: %w", op.name, err)
	}
	return p, nil
}

// attachPoll is the polling handler of an attach.
type attachPoll[T Target] struct{ op *AttachOperation[T] }

// Done implements runtime.PollingHandler.
func (h *attachPoll[T]) Done() bool { return h.op.State() != AttachCreating }

// Poll implements runtime.PollingHandler: it runs the attach. The
// response is not from the wire.
func (h *attachPoll[T]) Poll(ctx context.Context) (*http.Response, error) {
	_, _ = h.op.WaitForCompletion(ctx, nil)
	return &http.Response{Status: "200 OK", StatusCode: http.StatusOK, Header: http.Header{}, Body: http.NoBody}, nil
}

// Result implements runtime.PollingHandler.
func (h *attachPoll[T]) Result(ctx context.Context, out *T) error {
	t, err := h.op.WaitForCompletion(ctx, nil)
	*out = t
	return err
}
