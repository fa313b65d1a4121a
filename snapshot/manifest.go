package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// EntryKind is the kind of a manifest entry.
type EntryKind string

const (
	// KindFile is a regular file.
	KindFile EntryKind = "file"
	// KindSymlink is a symbolic link, recorded with its target and never followed.
	KindSymlink EntryKind = "symlink"
)

// EntryKindValues returns the valid values of [EntryKind].
func EntryKindValues() []EntryKind { return []EntryKind{KindFile, KindSymlink} }

// Entry is one file or symlink of a snapshot.
type Entry struct {
	// Path is relative to the source folder and slash-separated.
	Path string
	// Kind says whether the entry is a file or a symlink.
	Kind EntryKind
	// Mode holds the permission bits (fs.ModePerm) of a file; 0o777 for a symlink.
	Mode fs.FileMode
	// Size is the file's size in bytes; 0 for a symlink.
	Size int64
	// SHA256 is the lowercase hex SHA-256 of a file's content; "" for a symlink.
	SHA256 string
	// Target is a symlink's target as stored in the link; "" for a file.
	Target string
}

// Executable reports whether the entry is a file with an execute bit set.
func (e Entry) Executable() bool { return e.Kind == KindFile && e.Mode&0o111 != 0 }

// Stats describes the work [Take] did. They are not part of the snapshot
// and are not encoded in JSON.
type Stats struct {
	Files       int   // files and symlinks in the snapshot
	Bytes       int64 // total size of the files
	HashedFiles int   // files whose content was read and hashed
	HashedBytes int64 // bytes read and hashed
	CachedFiles int   // files whose hash came from the stat cache
}

// Manifest lists the entries of a snapshot, sorted by path. Build one with
// [Take], or decode one from JSON; Entries must stay sorted and unique.
type Manifest struct {
	// Entries are the snapshot's files and symlinks, sorted by Path.
	Entries []Entry
	// Stats describe how the manifest was taken; zero when decoded.
	Stats Stats
}

// ID returns the snapshot's identifier: the lowercase hex SHA-256 of the
// canonical encoding of its entries (see [Manifest.AppendCanonical]). Two
// manifests with the same entries have the same ID.
func (m *Manifest) ID() string {
	sum := sha256.Sum256(m.AppendCanonical(nil))
	return hex.EncodeToString(sum[:])
}

// canonicalHeader starts the canonical encoding and versions it.
const canonicalHeader = "azureml-go snapshot v1\x00"

// AppendCanonical appends the canonical encoding of the entries to b and
// returns it. The encoding is the header "azureml-go snapshot v1" and, for
// each entry in order, six fields each followed by a NUL byte: kind, path,
// mode (octal), size (decimal), sha256 and target. No field can contain a
// NUL byte, so the encoding is unambiguous.
func (m *Manifest) AppendCanonical(b []byte) []byte {
	b = append(b, canonicalHeader...)
	for _, e := range m.Entries {
		b = append(b, e.Kind...)
		b = append(b, 0)
		b = append(b, e.Path...)
		b = append(b, 0)
		b = strconv.AppendUint(b, uint64(e.Mode), 8)
		b = append(b, 0)
		b = strconv.AppendInt(b, e.Size, 10)
		b = append(b, 0)
		b = append(b, e.SHA256...)
		b = append(b, 0)
		b = append(b, e.Target...)
		b = append(b, 0)
	}
	return b
}

// Lookup returns the entry with the given slash-separated path.
func (m *Manifest) Lookup(p string) (Entry, bool) {
	i, ok := slices.BinarySearchFunc(m.Entries, p, func(e Entry, p string) int { return strings.Compare(e.Path, p) })
	if !ok {
		return Entry{}, false
	}
	return m.Entries[i], true
}

// Validate checks that the entries are sorted, unique, have clean relative
// paths, valid kinds and modes, and hashes only on files. It returns a
// [*ManifestError] naming the first bad entry.
func (m *Manifest) Validate() error {
	for i, e := range m.Entries {
		if reason := checkEntry(e); reason != "" {
			return &ManifestError{Path: e.Path, Reason: reason}
		}
		if i > 0 && m.Entries[i-1].Path >= e.Path {
			return &ManifestError{Path: e.Path, Reason: "entries not sorted or duplicated"}
		}
	}
	return nil
}

// checkEntry returns why e is invalid, or "".
func checkEntry(e Entry) string {
	switch {
	case !fs.ValidPath(e.Path) || e.Path == "." || strings.Contains(e.Path, "\\"):
		return "path must be relative, clean and slash-separated"
	case e.Mode&^fs.ModePerm != 0:
		return "mode " + strconv.FormatUint(uint64(e.Mode), 8) + " has bits beyond the permissions"
	case e.Size < 0:
		return "negative size"
	}
	switch e.Kind {
	case KindFile:
		if len(e.SHA256) != 64 || strings.Trim(e.SHA256, "0123456789abcdef") != "" || e.Target != "" {
			return "a file needs a 64-digit lowercase hex sha256 and no target"
		}
	case KindSymlink:
		if e.Target == "" || e.SHA256 != "" || e.Size != 0 || strings.IndexByte(e.Target, 0) >= 0 {
			return "a symlink needs a target, no sha256 and size 0"
		}
	default:
		return "unknown kind " + strconv.Quote(string(e.Kind))
	}
	return ""
}
