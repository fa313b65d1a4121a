package snapshot

import (
	"fmt"
)

// OptionError reports an invalid field of [Options].
type OptionError struct {
	Field  string // the option's field name, e.g. "Ignore"
	Value  string // the rejected value
	Reason string // why it was rejected
}

// Error implements error.
func (e *OptionError) Error() string {
	return fmt.Sprintf("snapshot: option %s %q: %s", e.Field, e.Value, e.Reason)
}

// SymlinkError reports a symlink whose target lies outside the snapshot:
// an absolute target, or a relative one that climbs out with "..".
type SymlinkError struct {
	Path   string // the link, relative to the source folder, slash-separated
	Target string // the link's target, as read
}

// Error implements error.
func (e *SymlinkError) Error() string {
	return fmt.Sprintf("snapshot: symlink %s -> %s points outside the source folder "+
		"(exclude it in .amlignore, or set Options.AllowExternalSymlinks to record it as is)", e.Path, e.Target)
}

// ManifestError reports a manifest that cannot be decoded or is invalid.
type ManifestError struct {
	Path   string // the offending entry's path, or "" for the whole manifest
	Reason string
}

// Error implements error.
func (e *ManifestError) Error() string {
	if e.Path == "" {
		return "snapshot: invalid manifest: " + e.Reason
	}
	return fmt.Sprintf("snapshot: invalid manifest entry %q: %s", e.Path, e.Reason)
}

// MismatchError reports content that differs from its manifest: a source
// file changed after [Take] (seen by [Manifest.Pack] or [Manifest.CopyTo]) or
// an unpacked entry that does not match (seen by [Unpack]).
type MismatchError struct {
	Path  string // slash-separated path of the entry
	Field string // "sha256", "size", "mode", "kind", "target", "missing" or "unexpected"
	Want  string // what the manifest says ("" for "unexpected")
	Got   string // what was found ("" for "missing")
}

// Error implements error.
func (e *MismatchError) Error() string {
	switch e.Field {
	case "missing":
		return fmt.Sprintf("snapshot: %s: in the manifest but missing", e.Path)
	case "unexpected":
		return fmt.Sprintf("snapshot: %s: not in the manifest", e.Path)
	}
	return fmt.Sprintf("snapshot: %s: %s is %s, manifest says %s", e.Path, e.Field, e.Got, e.Want)
}

// UnsafeReason says why [Unpack] rejected a tar entry.
type UnsafeReason string

const (
	// UnsafeAbsolute is an entry with an absolute path.
	UnsafeAbsolute UnsafeReason = "absolute path"
	// UnsafeParent is an entry whose path has a ".." element.
	UnsafeParent UnsafeReason = "path climbs out with .."
	// UnsafeName is an entry whose path is empty or not clean ("a//b", "./a").
	UnsafeName UnsafeReason = "invalid path"
	// UnsafeLink is a symlink whose target is absolute or resolves outside
	// the destination.
	UnsafeLink UnsafeReason = "symlink points outside the destination"
	// UnsafeUnderLink is an entry below a path that is a symlink.
	UnsafeUnderLink UnsafeReason = "entry below a symlink"
	// UnsafeDuplicate is a second entry with the same path, or an entry
	// below a regular file.
	UnsafeDuplicate UnsafeReason = "duplicate or conflicting entry"
	// UnsafeType is an entry that is not a regular file, symlink or
	// directory (hard link, device, FIFO...).
	UnsafeType UnsafeReason = "unsupported entry type"
)

// UnsafeReasonValues returns the valid values of [UnsafeReason].
func UnsafeReasonValues() []UnsafeReason {
	return []UnsafeReason{UnsafeAbsolute, UnsafeParent, UnsafeName, UnsafeLink,
		UnsafeUnderLink, UnsafeDuplicate, UnsafeType}
}

// UnsafeEntryError reports a tar entry that [Unpack] refuses to write.
type UnsafeEntryError struct {
	Name   string       // the entry's name as stored in the tar stream
	Target string       // the link target, for symlinks
	Reason UnsafeReason // why it was rejected
	Detail string       // extra detail, e.g. the tar type flag
}

// Error implements error.
func (e *UnsafeEntryError) Error() string {
	msg := fmt.Sprintf("snapshot: unsafe tar entry %q: %s", e.Name, e.Reason)
	if e.Target != "" {
		msg += fmt.Sprintf(" (target %q)", e.Target)
	}
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}
