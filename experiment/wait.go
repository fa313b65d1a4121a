package experiment

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/azureml-go/azureml/compute"
)

// WaitOptions tunes Run.WaitForCompletion. A nil *WaitOptions means
// defaults: no output, and an error when the run fails.
type WaitOptions struct {
	// Output, when set, receives the run's log as it is written (the SDK's
	// show_output=True): a "RunId: <id>" header, the log, and an
	// "Execution Summary" footer.
	Output io.Writer
	// NoRaiseOnError returns a failed run's details with a nil error (the
	// SDK's raise_on_error=False) instead of a *RunFailedError.
	NoRaiseOnError bool
}

// followPause is how long to wait before asking a target to follow again
// when it returned before the job ended.
const followPause = 50 * time.Millisecond

// WaitForCompletion waits until the run is final, streaming its log to
// opts.Output as it is written, records the final status and outputs, and
// returns the run's details. A Failed run gives a *RunFailedError holding
// the last lines of its log, unless opts.NoRaiseOnError is set.
//
// When ctx ends first, waiting stops but the run goes on: the error is a
// *WaitInterruptedError that says how to re-attach (GetRun) and unwraps to
// ctx's error.
func (r *Run) WaitForCompletion(ctx context.Context, opts *WaitOptions) (*Details, error) {
	var o WaitOptions
	if opts != nil {
		o = *opts
	}
	tail := newTailWriter(LogTailLines)
	var w io.Writer = tail
	if o.Output != nil {
		w = io.MultiWriter(o.Output, tail)
		fmt.Fprintf(o.Output, "RunId: %s\n\nStreaming %s\n%s\n\n", r.id, LogName, strings.Repeat("=", len(LogName)+10))
	}
	rec, err := r.waitFinal(ctx, w)
	if err != nil {
		return nil, err
	}
	if o.Output != nil {
		writeSummary(o.Output, rec)
	}
	d := r.details(rec)
	if rec.Status == StatusFailed && !o.NoRaiseOnError {
		return d, &RunFailedError{RunID: r.id, Status: rec.Status, Reason: rec.Error, LogTail: tail.Lines()}
	}
	return d, nil
}

// waitFinal follows the log to w until the job ends and returns the
// finalized record.
func (r *Run) waitFinal(ctx context.Context, w io.Writer) (*runRecord, error) {
	rec, err := readRecord(ctx, r.h.st, r.id)
	if err != nil {
		return nil, err
	}
	if rec.Finalized && rec.Start.IsZero() && rec.ExitCode == nil {
		return rec, nil // never started: there is no log to show
	}
	js, err := r.follow(ctx, w)
	if err != nil {
		return nil, err
	}
	return r.record(ctx, rec, js)
}

// follow streams the log to w from the start until the job is final.
func (r *Run) follow(ctx context.Context, w io.Writer) (*compute.JobStatus, error) {
	var off int64
	for {
		next, js, err := r.runner.Follow(ctx, r.job, off, w)
		if ctx.Err() != nil {
			return nil, &WaitInterruptedError{RunID: r.id, Err: ctx.Err()}
		}
		if err != nil {
			return nil, fmt.Errorf("experiment: run %s: following the log: %w", r.id, err)
		}
		if js != nil && js.State.Terminal() {
			return js, nil
		}
		off = next
		select {
		case <-ctx.Done():
			return nil, &WaitInterruptedError{RunID: r.id, Err: ctx.Err()}
		case <-time.After(followPause):
		}
	}
}

// writeSummary prints the SDK's Execution Summary footer.
func writeSummary(w io.Writer, rec *runRecord) {
	fmt.Fprintf(w, "\nExecution Summary\n=================\nRunId: %s\n", rec.ID)
	if rec.Status == StatusFailed || rec.Status == StatusCanceled {
		body := map[string]any{"error": map[string]any{"message": rec.Error, "status": rec.Status}}
		b, _ := json.MarshalIndent(body, "", "    ")
		fmt.Fprintf(w, "\nError:\n%s\n", b)
	}
	fmt.Fprintln(w)
}

// Log writes the run's whole log to w. While the run is going on it keeps
// following the log until the run ends or ctx is done (ending ctx stops
// only the reading).
func (r *Run) Log(ctx context.Context, w io.Writer) error {
	_, err := r.follow(ctx, w)
	return err
}
