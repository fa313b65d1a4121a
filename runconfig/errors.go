package runconfig

import (
	"fmt"
	"strings"
)

// FieldError is one problem found by [RunConfiguration.Validate] or
// [ScriptRunConfig.Validate].
//
// Field is the Python SDK attribute path of the value at fault, dotted and
// in snake_case ("node_count", "environment.docker.shm_size",
// "data_references.input.mode"), so that messages read like the Python SDK
// users know. Value is the offending value; a secret is never stored here.
type FieldError struct {
	Field  string
	Value  any
	Reason string
}

// Error returns "runconfig: <field> <value>: <reason>", with string values
// quoted.
func (e *FieldError) Error() string {
	switch v := e.Value.(type) {
	case nil:
		return fmt.Sprintf("runconfig: %s: %s", e.Field, e.Reason)
	case string:
		return fmt.Sprintf("runconfig: %s %q: %s", e.Field, v, e.Reason)
	case fmt.Stringer:
		return fmt.Sprintf("runconfig: %s %q: %s", e.Field, v.String(), e.Reason)
	default:
		return fmt.Sprintf("runconfig: %s %v: %s", e.Field, v, e.Reason)
	}
}

// ValidationError holds every problem Validate found, in a stable order.
// Use errors.As with a *FieldError to get the first one, or range over
// Errors for all of them.
type ValidationError struct {
	Errors []*FieldError
}

// Error lists the problems one per line.
func (e *ValidationError) Error() string {
	if len(e.Errors) == 1 {
		return e.Errors[0].Error()
	}
	lines := make([]string, 0, len(e.Errors)+1)
	lines = append(lines, fmt.Sprintf("runconfig: %d problems:", len(e.Errors)))
	for _, fe := range e.Errors {
		lines = append(lines, "  "+strings.TrimPrefix(fe.Error(), "runconfig: "))
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the individual field errors, so that errors.As finds a
// *FieldError inside a *ValidationError.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		errs[i] = fe
	}
	return errs
}

// ParseError reports a .runconfig document that cannot be read: YAML
// syntax, a value of the wrong type, or a conda file that fails to parse.
//
// File is the path given to [Load] or [LoadFile] (empty for [Parse]), Line
// is 1-based (0 when unknown) and Key is the dotted YAML path in the SDK's
// camelCase spelling ("nodeCount", "environment.docker.shmSize").
type ParseError struct {
	File   string
	Line   int
	Key    string
	Reason string
	Err    error // the underlying error, if any
}

// Error returns "runconfig: <file>:<line>: <key>: <reason>".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("runconfig: ")
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	case e.File != "":
		fmt.Fprintf(&b, "%s: ", e.File)
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
