package workspace

import (
	"fmt"
	"io/fs"
	"strings"
)

// ValidationError reports an invalid value, naming the field (as spelled in
// config.json, e.g. "workspace_name") and the value.
type ValidationError struct {
	// Field is the name of the invalid field.
	Field string
	// Value is the rejected value.
	Value string
	// Reason says which rule the value breaks.
	Reason string
}

// Error implements error.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("workspace: %s %q: %s", e.Field, e.Value, e.Reason)
}

// ConfigError reports a config.json that cannot be used: invalid JSON, a
// value of the wrong type, missing keys, an invalid Scope or contradicting
// keys. Line and Column (1-based) locate the problem when it has a place in
// the file.
type ConfigError struct {
	// Path is the config file.
	Path string
	// Line and Column locate the problem, or are 0.
	Line, Column int
	// Key is the offending key, if any.
	Key string
	// Missing lists the required keys the file lacks, in the SDK's order.
	Missing []string
	// Reason explains the problem.
	Reason string
	// Err is the underlying error (a JSON error or a [*ValidationError]), if any.
	Err error
}

// Error implements error.
func (e *ConfigError) Error() string {
	var b strings.Builder
	b.WriteString("workspace: config ")
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Key != "" {
		fmt.Fprintf(&b, "key %q: ", e.Key)
	}
	b.WriteString(e.Reason)
	if e.Err != nil {
		if e.Reason != "" {
			b.WriteString(": ")
		}
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "workspace: "))
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ConfigError) Unwrap() error { return e.Err }

// ConfigNotFoundError reports that no config file was found in a folder or
// its parents. [FromConfig] returns it only when
// [FromConfigOptions].RequireConfig is set; otherwise it falls back to the
// local workspace. It matches fs.ErrNotExist.
type ConfigNotFoundError struct {
	// Dir is the folder where the search started.
	Dir string
	// FileName is the file name searched for ("config.json" by default).
	FileName string
}

// Error implements error, with the Python SDK's wording.
func (e *ConfigNotFoundError) Error() string {
	return fmt.Sprintf("workspace: the workspace configuration file %s, could not be found in %s or its parent "+
		"directories. Please check whether the workspace configuration file exists, or provide the full path "+
		"to the configuration file as an argument. You can download a configuration file for your workspace, "+
		"via http://ml.azure.com and clicking on the name of your workspace in the right top.", e.FileName, e.Dir)
}

// Unwrap returns fs.ErrNotExist.
func (e *ConfigNotFoundError) Unwrap() error { return fs.ErrNotExist }
