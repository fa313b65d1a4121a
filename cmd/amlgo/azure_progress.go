package main

import (
	"context"
	"strings"
	"sync"

	"github.com/azureml-go/azureml/compute"
)

// opState follows the progress text that compute.AzureOperation's
// WaitForCompletion writes (the SDK's show_output form: a state word, a
// dot per poll, a new line when the state changes, then the outcome and
// summary lines) and keeps the last state reported.
type opState struct {
	mu    sync.Mutex
	state string
	line  []byte
}

// Write implements io.Writer.
func (s *opState) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range p {
		switch b {
		case '.': // a poll that saw no change
		case '\n':
			s.take()
			s.line = s.line[:0]
		default:
			s.line = append(s.line, b)
		}
	}
	s.take()
	return len(p), nil
}

// take makes the current line the state when it is one word: summary
// and error lines have spaces or colons.
func (s *opState) take() {
	if l := string(s.line); l != "" && !strings.ContainsAny(l, " :,") {
		s.state = l
	}
}

// String returns the last state reported, for watch.
func (s *opState) String(context.Context) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// waitStoppedError is a wait that Ctrl-C (or another end of the context)
// stopped: the operation goes on in Azure. Exit code 130.
type waitStoppedError struct {
	what string // "creating cpu"
	name string // the target
	err  error
}

func (e *waitStoppedError) Error() string {
	return "amlgo: stopped waiting for " + e.what + ": " + e.err.Error()
}

func (e *waitStoppedError) Unwrap() error { return e.err }

// waitAzure waits for op with progress under label: the state the
// operation reports and the elapsed time (see watch).
func waitAzure[T any](ctx context.Context, a *app, label, name string, op *compute.AzureOperation[T]) (T, error) {
	st := &opState{}
	var res T
	err := a.watch(ctx, label, st.String, func() error {
		var err error
		res, err = op.WaitForCompletion(ctx, st)
		return err
	})
	if err != nil && ctx.Err() != nil {
		return res, &waitStoppedError{what: label, name: name, err: ctx.Err()}
	}
	return res, err
}
