package conda

import (
	"fmt"
	"strconv"
)

// ParseError reports a conda environment file that cannot be read. It is
// returned (possibly wrapped) by [Parse] and [Load]; use errors.As to get it.
type ParseError struct {
	// Path is the file name when the data came from [Load]; empty for [Parse].
	Path string
	// Line is the 1-based line of the offending entry, or 0 when unknown.
	Line int
	// Entry is the offending key or list entry as written, if any.
	Entry string
	// Reason says what is wrong, in lowercase.
	Reason string
}

// Error implements the error interface.
func (e *ParseError) Error() string {
	msg := "conda: "
	if e.Path != "" {
		msg += e.Path + ":"
		if e.Line > 0 {
			msg += strconv.Itoa(e.Line) + ":"
		}
		msg += " "
	} else if e.Line > 0 {
		msg += "line " + strconv.Itoa(e.Line) + ": "
	}
	if e.Entry != "" {
		msg += fmt.Sprintf("entry %q: ", e.Entry)
	}
	return msg + e.Reason
}

// ValidationError reports a value rejected by [New] or by one of the
// methods that change a [Dependencies]; use errors.As to get it.
type ValidationError struct {
	// Field names the kind of value: "conda_packages", "pip_packages",
	// "channels", "pip_options", "python_version" or "path".
	Field string
	// Value is the rejected value as given.
	Value string
	// Reason says what is wrong, in lowercase.
	Reason string
}

// Error implements the error interface.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("conda: %s %q: %s", e.Field, e.Value, e.Reason)
}

// Field names used in [ValidationError].
const (
	fieldConda    = "conda_packages"
	fieldPip      = "pip_packages"
	fieldChannels = "channels"
	fieldPipOpt   = "pip_options"
	fieldPython   = "python_version"
	fieldPath     = "path"
)
