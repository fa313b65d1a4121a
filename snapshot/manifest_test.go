package snapshot_test

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

func sampleManifest() *snapshot.Manifest {
	return &snapshot.Manifest{Entries: []snapshot.Entry{
		{Path: "data", Kind: snapshot.KindSymlink, Mode: 0o777, Target: "shared/data"},
		{Path: "run.sh", Kind: snapshot.KindFile, Mode: 0o755, Size: 3, SHA256: sha("abc")},
		{Path: "shared/data/x", Kind: snapshot.KindFile, Mode: 0o644, Size: 0, SHA256: sha("")},
	}}
}

func TestManifestJSONRoundTrip(t *testing.T) {
	m := sampleManifest()
	data, err := json.Marshal(m)
	require.NoError(t, err)
	want := `{"version":1,"id":"` + m.ID() + `","entries":[` +
		`{"path":"data","kind":"symlink","mode":"0777","target":"shared/data"},` +
		`{"path":"run.sh","kind":"file","mode":"0755","size":3,"sha256":"` + sha("abc") + `"},` +
		`{"path":"shared/data/x","kind":"file","mode":"0644","sha256":"` + sha("") + `"}]}`
	require.JSONEq(t, want, string(data))

	var back snapshot.Manifest
	require.NoError(t, json.Unmarshal(data, &back))
	require.Equal(t, m.Entries, back.Entries)
	require.Equal(t, m.ID(), back.ID())
}

func TestManifestIDIsStable(t *testing.T) {
	// Pinned (printf 'azureml-go snapshot v1\0' | sha256sum): changing the
	// canonical encoding changes every snapshot ID.
	require.Equal(t, "c2aa46a9181aee6ec6011149b717703a36ae28114454dea932e90888e296ffdb", (&snapshot.Manifest{}).ID())
	require.Equal(t, []byte("azureml-go snapshot v1\x00file\x00a\x00644\x001\x00"+sha("a")+"\x00\x00"),
		(&snapshot.Manifest{Entries: []snapshot.Entry{{Path: "a", Kind: snapshot.KindFile, Mode: 0o644, Size: 1, SHA256: sha("a")}}}).AppendCanonical(nil))
}

func TestManifestJSONRejectsInvalid(t *testing.T) {
	good, err := json.Marshal(sampleManifest())
	require.NoError(t, err)
	tests := []struct {
		name, old, new, path, reason string
	}{
		{"wrong id", `"id":"`, `"id":"0`, "", "does not match the entries"},
		{"version", `"version":1`, `"version":2`, "", "version 2"},
		{"bad mode", `"mode":"0755"`, `"mode":"rwx"`, "run.sh", `mode "rwx"`},
		{"mode bits", `"mode":"0755"`, `"mode":"4755"`, "run.sh", "bits beyond the permissions"},
		{"absolute", `"path":"run.sh"`, `"path":"/run.sh"`, "/run.sh", "relative, clean"},
		{"dotdot", `"path":"run.sh"`, `"path":"../run.sh"`, "../run.sh", "relative, clean"},
		{"unsorted", `"path":"data"`, `"path":"zz"`, "run.sh", "not sorted"},
		{"short hash", `"sha256":"` + sha("abc"), `"sha256":"abc`, "run.sh", "64-digit"},
		{"kind", `"kind":"file"`, `"kind":"fifo"`, "run.sh", `unknown kind "fifo"`},
		{"link without target", `,"target":"shared/data"`, ``, "data", "needs a target"},
		{"wrong type", `"version":1`, `"version":"1"`, "", "cannot unmarshal string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(string(good), tt.old, tt.new, 1)
			require.NotEqual(t, string(good), bad)
			var m snapshot.Manifest
			err := json.Unmarshal([]byte(bad), &m)
			var me *snapshot.ManifestError
			require.ErrorAs(t, err, &me)
			require.Equal(t, tt.path, me.Path)
			require.Contains(t, err.Error(), tt.reason)
			require.True(t, strings.HasPrefix(me.Error(), "snapshot: invalid manifest"), me.Error())
		})
	}
}

func TestDiff(t *testing.T) {
	file := func(p, content string, mode uint32) snapshot.Entry {
		return snapshot.Entry{Path: p, Kind: snapshot.KindFile, Mode: 0o644 | fs.FileMode(mode), Size: int64(len(content)), SHA256: sha(content)}
	}
	old := &snapshot.Manifest{Entries: []snapshot.Entry{
		file("a", "1", 0), file("b", "2", 0), file("c", "3", 0), file("d", "4", 0),
		{Path: "l", Kind: snapshot.KindSymlink, Mode: 0o777, Target: "a"},
	}}
	newer := &snapshot.Manifest{Entries: []snapshot.Entry{
		file("a", "1", 0), file("b", "two", 0), file("c", "3", 0o111), file("e", "5", 0),
		{Path: "l", Kind: snapshot.KindSymlink, Mode: 0o777, Target: "b"},
	}}
	tests := []struct {
		name     string
		old, new *snapshot.Manifest
		want     snapshot.Changes
	}{
		{"mixed", old, newer, snapshot.Changes{Added: []string{"e"}, Changed: []string{"b", "c", "l"}, Removed: []string{"d"}, Unchanged: []string{"a"}}},
		{"same", old, old, snapshot.Changes{Unchanged: []string{"a", "b", "c", "d", "l"}}},
		{"from nil", nil, old, snapshot.Changes{Added: []string{"a", "b", "c", "d", "l"}}},
		{"to empty", old, &snapshot.Manifest{}, snapshot.Changes{Removed: []string{"a", "b", "c", "d", "l"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := snapshot.Diff(tt.old, tt.new)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.name == "same", got.Empty())
		})
	}
}
