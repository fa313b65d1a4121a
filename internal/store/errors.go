package store

import (
	"errors"
	"fmt"
	"io/fs"
)

// ErrNotFound is matched (with errors.Is) by every error that reports a
// missing record or object. Such errors also match fs.ErrNotExist.
var ErrNotFound = errors.New("store: not found")

// NotFoundError reports that a record or an object does not exist.
type NotFoundError struct {
	// What is "record" or "object".
	What string
	// Key is the record key or the object hash.
	Key string
}

// Error implements error.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("store: %s %q not found", e.What, e.Key)
}

// Is reports whether target is [ErrNotFound].
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Unwrap returns fs.ErrNotExist, so os-style checks work too.
func (e *NotFoundError) Unwrap() error { return fs.ErrNotExist }

// KeyError reports an invalid record key, key prefix, lock name or object hash.
type KeyError struct {
	// Field is "key", "prefix", "lock name" or "hash".
	Field string
	// Value is the rejected input.
	Value string
	// Reason says which rule it breaks.
	Reason string
}

// Error implements error.
func (e *KeyError) Error() string {
	return fmt.Sprintf("store: %s %q: %s", e.Field, e.Value, e.Reason)
}

// FormatError reports a folder that is not a store this package can use:
// a newer layout version, an unreadable format file, or a non-empty folder
// that was never a store.
type FormatError struct {
	// Path is the store folder or its format file.
	Path string
	// Reason explains the problem.
	Reason string
}

// Error implements error.
func (e *FormatError) Error() string {
	return fmt.Sprintf("store: %s: %s", e.Path, e.Reason)
}

// CorruptError reports a record whose file is not valid JSON. Atomic writes
// make this impossible through this package while the machine runs; it
// means the file was edited or damaged from outside, or that a machine
// crash caught a [SyncNone] write of a new record before the kernel had
// flushed it.
type CorruptError struct {
	// Key is the record key.
	Key string
	// Path is the record file.
	Path string
	// Err is the JSON decoding error.
	Err error
}

// Error implements error.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("store: record %q (%s) is corrupt: %v", e.Key, e.Path, e.Err)
}

// Unwrap returns the decoding error.
func (e *CorruptError) Unwrap() error { return e.Err }

// OptionError reports an invalid option value.
type OptionError struct {
	// Field is the option's name, e.g. "Sync".
	Field string
	// Value is the rejected value.
	Value string
	// Reason says which rule it breaks.
	Reason string
}

// Error implements error.
func (e *OptionError) Error() string {
	return fmt.Sprintf("store: option %s %s: %s", e.Field, e.Value, e.Reason)
}

// ExistsError reports that [Store.Create] found the record already there.
// It matches fs.ErrExist with errors.Is.
type ExistsError struct {
	// Key is the record key.
	Key string
}

// Error implements error.
func (e *ExistsError) Error() string {
	return fmt.Sprintf("store: record %q already exists", e.Key)
}

// Unwrap returns fs.ErrExist.
func (e *ExistsError) Unwrap() error { return fs.ErrExist }
