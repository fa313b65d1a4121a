package snapshot

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
)

// manifestJSON is the JSON form of a Manifest. Its field names are stable:
//
//	{"version": 1, "id": "<hex>", "entries": [
//	  {"path": "train.py", "kind": "file", "mode": "0644", "size": 12, "sha256": "<hex>"},
//	  {"path": "data", "kind": "symlink", "mode": "0777", "target": "../shared/data"}]}
type manifestJSON struct {
	Version int         `json:"version"`
	ID      string      `json:"id"`
	Entries []entryJSON `json:"entries"`
}

type entryJSON struct {
	Path   string    `json:"path"`
	Kind   EntryKind `json:"kind"`
	Mode   string    `json:"mode"`
	Size   int64     `json:"size,omitempty"`
	SHA256 string    `json:"sha256,omitempty"`
	Target string    `json:"target,omitempty"`
}

// manifestVersion is the version of the JSON encoding.
const manifestVersion = 1

// MarshalJSON encodes the manifest as {"version", "id", "entries"}; each
// entry has "path", "kind", "mode" (an octal string such as "0755"), "size",
// "sha256" (files) and "target" (symlinks). Stats are not encoded.
func (m *Manifest) MarshalJSON() ([]byte, error) {
	out := manifestJSON{Version: manifestVersion, ID: m.ID(), Entries: make([]entryJSON, len(m.Entries))}
	for i, e := range m.Entries {
		out.Entries[i] = entryJSON{Path: e.Path, Kind: e.Kind, Mode: fmt.Sprintf("%04o", uint32(e.Mode)),
			Size: e.Size, SHA256: e.SHA256, Target: e.Target}
	}
	return json.Marshal(out)
}

// UnmarshalJSON decodes what [Manifest.MarshalJSON] encodes, validates the
// entries (see [Manifest.Validate]) and checks that "id" matches them. It
// returns a [*ManifestError] for an invalid manifest.
func (m *Manifest) UnmarshalJSON(data []byte) error {
	var in manifestJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return &ManifestError{Reason: err.Error()}
	}
	if in.Version != manifestVersion {
		return &ManifestError{Reason: fmt.Sprintf("version %d: only version %d is supported", in.Version, manifestVersion)}
	}
	dec := Manifest{Entries: make([]Entry, len(in.Entries))}
	for i, e := range in.Entries {
		mode, err := strconv.ParseUint(e.Mode, 8, 32)
		if err != nil {
			return &ManifestError{Path: e.Path, Reason: fmt.Sprintf("mode %q: not an octal number", e.Mode)}
		}
		dec.Entries[i] = Entry{Path: e.Path, Kind: e.Kind, Mode: fs.FileMode(mode), Size: e.Size, SHA256: e.SHA256, Target: e.Target}
	}
	if err := dec.Validate(); err != nil {
		return err
	}
	if id := dec.ID(); in.ID != id {
		return &ManifestError{Reason: fmt.Sprintf("id %q does not match the entries (%s)", in.ID, id)}
	}
	*m = dec
	return nil
}
