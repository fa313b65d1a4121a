package ignore

import (
	"errors"
	"fmt"
)

// ErrOutsideRoot reports a path given to [Explain] that is absolute or leaves
// the root with "..".
var ErrOutsideRoot = errors.New("path is outside the root")

// Error is the error returned by [Walk] and [Explain] when reading the tree
// fails. It names the operation and the slash-separated path relative to the
// root ("." for the root itself). Use errors.As to get it and errors.Is to
// test the cause (for example fs.ErrPermission or fs.ErrNotExist).
type Error struct {
	// Op is what failed: "read dir", "read ignore file", "stat", "explain"
	// or "options".
	Op string
	// Path is the path relative to the root (for "options", the field).
	Path string
	// Err is the underlying error.
	Err error
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("ignore: %s %q: %v", e.Op, e.Path, e.Err)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }
