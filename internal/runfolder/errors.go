package runfolder

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// ErrFinished is matched (with errors.Is) by a [*StateError] whose run has
// already ended, for example when canceling a run that completed.
var ErrFinished = errors.New("runfolder: run already finished")

// SpecError reports an invalid [Spec] or run folder path given to [Prepare].
type SpecError struct {
	// Field names the rejected field, e.g. "Argv[0]" or `Env["A B"]`.
	Field string
	// Value is the rejected value, or "" when it must not be shown (an
	// environment variable's value may be a secret).
	Value string
	// Reason says which rule the value breaks.
	Reason string
}

// Error implements error.
func (e *SpecError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("runfolder: %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("runfolder: %s %q: %s", e.Field, e.Value, e.Reason)
}

// NotRunFolderError reports a folder with no spec.json: it was never
// prepared, or the path is wrong. It matches fs.ErrNotExist.
type NotRunFolderError struct {
	// Dir is the folder that was read.
	Dir string
}

// Error implements error.
func (e *NotRunFolderError) Error() string {
	return fmt.Sprintf("runfolder: %s is not a run folder (no %s)", e.Dir, SpecFile)
}

// Unwrap returns fs.ErrNotExist.
func (e *NotRunFolderError) Unwrap() error { return fs.ErrNotExist }

// StateError reports an operation that the run's current state forbids:
// preparing or starting a run twice, or canceling a finished run.
type StateError struct {
	// Op is the refused operation: "prepare", "start" or "cancel".
	Op string
	// Dir is the run folder.
	Dir string
	// State is the run's state when the operation was refused.
	State State
}

// Error implements error.
func (e *StateError) Error() string {
	return fmt.Sprintf("runfolder: %s %s: run is %s", e.Op, e.Dir, e.State)
}

// Is reports whether target is [ErrFinished] and the run has ended.
func (e *StateError) Is(target error) bool {
	return target == ErrFinished && e.State.Final()
}

// FormatError reports a run-folder file that cannot be parsed.
type FormatError struct {
	// Path is the file.
	Path string
	// Err is the parse error.
	Err error
}

// Error implements error.
func (e *FormatError) Error() string {
	return fmt.Sprintf("runfolder: %s: %v", e.Path, e.Err)
}

// Unwrap returns the parse error.
func (e *FormatError) Unwrap() error { return e.Err }

// StartError reports a supervisor that did not record a status after
// [Start] launched it. LogTail holds the end of the driver log, where the
// shell writes why (for example "sh: can't open supervisor.sh").
type StartError struct {
	// Dir is the run folder.
	Dir string
	// Reason says what went wrong.
	Reason string
	// LogTail is the last lines of the driver log, possibly empty.
	LogTail string
}

// Error implements error.
func (e *StartError) Error() string {
	msg := fmt.Sprintf("runfolder: start %s: %s", e.Dir, e.Reason)
	if tail := strings.TrimSpace(e.LogTail); tail != "" {
		msg += "; driver log ends with: " + tail
	}
	return msg
}

// RunError describes why a finished run did not complete; see [Status.Err].
type RunError struct {
	// Dir is the run folder.
	Dir string
	// State is StateFailed or StateCanceled.
	State State
	// Reason is the recorded cause.
	Reason Reason
	// ExitCode is the script's exit code, or -1 if it has none.
	ExitCode int
	// Signal names the signal that ended the script ("TERM"), if any.
	Signal string
	// Detail is the supervisor's or the prober's own message, if any.
	Detail string
}

// Error implements error.
func (e *RunError) Error() string {
	var what string
	switch {
	case e.Detail != "":
		what = e.Detail
	case e.Reason == ReasonTimeout:
		what = "stopped after its maximum run duration"
	case e.Reason == ReasonCanceled:
		what = "canceled"
	case e.Signal != "":
		what = "script killed by signal " + e.Signal
	default:
		what = fmt.Sprintf("script exited with code %d", e.ExitCode)
	}
	return fmt.Sprintf("runfolder: run %s %s: %s", e.Dir, e.State, what)
}

// ExitError reports a shell command that ran and exited with a non-zero
// status, in the shape of os/exec and x/crypto/ssh. The command line is
// never part of the message.
type ExitError struct {
	// Status is the exit status; 128+N when killed by signal N.
	Status int
	// Stderr holds the command's standard error, trimmed to 4 KiB.
	Stderr string
}

// Error implements error.
func (e *ExitError) Error() string {
	msg := fmt.Sprintf("runfolder: shell command exited with status %d", e.Status)
	if s := strings.TrimSpace(e.Stderr); s != "" {
		msg += ": " + s
	}
	return msg
}

// ExitStatus returns the exit status, as ssh.ExitError does.
func (e *ExitError) ExitStatus() int { return e.Status }
