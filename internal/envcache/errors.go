package envcache

import (
	"fmt"
	"strings"
)

// NoToolError reports that no conda-compatible tool was found.
type NoToolError struct {
	// Looked lists the names looked up on PATH.
	Looked []string
}

// Error implements error.
func (e *NoToolError) Error() string {
	return fmt.Sprintf("envcache: no conda-compatible tool on PATH (looked for %s): "+
		"install conda, mamba or micromamba (e.g. micromamba from https://mamba.readthedocs.io), "+
		"or use a user-managed environment (python.user_managed_dependencies: true)",
		strings.Join(e.Looked, ", "))
}

// BuildError reports a failed environment build. Nothing of it is kept.
type BuildError struct {
	// Hash names the environment.
	Hash string
	// Tool is the tool that failed.
	Tool string
	// Err says how it failed (with the end of the tool's output).
	Err error
}

// Error implements error.
func (e *BuildError) Error() string {
	return fmt.Sprintf("envcache: build of environment %s with %s failed: %v", e.Hash, e.Tool, e.Err)
}

// Unwrap returns the underlying failure.
func (e *BuildError) Unwrap() error { return e.Err }

// HashError reports a spec hash that cannot name a cache folder.
type HashError struct {
	Hash string
}

// Error implements error.
func (e *HashError) Error() string {
	return fmt.Sprintf("envcache: environment hash %q: must be 1 to 128 letters or digits", e.Hash)
}
