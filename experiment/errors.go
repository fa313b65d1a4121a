package experiment

import (
	"errors"
	"fmt"
	"strings"
)

// ErrRunNotFound is matched (errors.Is) by the error of GetRun for an id the
// workspace has no record of.
var ErrRunNotFound = errors.New("experiment: run not found")

// ValidationError reports a bad input to Submit, New or GetRun, before
// anything was written. Field names the input (as "script",
// "source_directory", "target", "experiment name", or a runconfig field),
// Value is the offending value and Reason the rule it breaks.
type ValidationError struct {
	Field  string
	Value  string
	Reason string
	// Err is the underlying error, if any (a runconfig or snapshot error).
	Err error
}

// Error implements error.
func (e *ValidationError) Error() string {
	s := fmt.Sprintf("experiment: %s %q: %s", e.Field, e.Value, e.Reason)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *ValidationError) Unwrap() error { return e.Err }

// RunFailedError is returned by Run.WaitForCompletion when the run ended
// Failed (unless WaitOptions.NoRaiseOnError is set).
type RunFailedError struct {
	RunID  string
	Status Status
	// Reason is the target's account of the failure (exit code, error).
	Reason string
	// LogTail holds the last lines of the run's log (at most LogTailLines).
	LogTail []string
}

// LogTailLines is how many log lines a RunFailedError keeps.
const LogTailLines = 20

// Error implements error; it ends with the log's tail.
func (e *RunFailedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "experiment: run %s %s", e.RunID, strings.ToLower(string(e.Status)))
	if e.Reason != "" {
		b.WriteString(": " + e.Reason)
	}
	if len(e.LogTail) > 0 {
		b.WriteString("\nlast lines of the log:\n")
		b.WriteString(strings.Join(e.LogTail, "\n"))
	}
	return b.String()
}

// WaitInterruptedError is returned when the context of a wait ends before
// the run: the run goes on on its target, and the error says how to
// re-attach. It unwraps to the context's error.
type WaitInterruptedError struct {
	RunID string
	Err   error
}

// Error implements error.
func (e *WaitInterruptedError) Error() string {
	return fmt.Sprintf("experiment: waiting for run %s interrupted (%v); the run is still "+
		"executing on its compute target: re-attach with experiment.GetRun(ctx, ws, %q, nil) "+
		"or stop it with Run.Cancel", e.RunID, e.Err, e.RunID)
}

// Unwrap returns the context's error.
func (e *WaitInterruptedError) Unwrap() error { return e.Err }
