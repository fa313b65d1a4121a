package snapshot_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestTakeRecordsEntries(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"train.py": "print(1)\n", "run.sh*": "#!/bin/sh\n", "data/b.csv": "x,y\n",
		"link": "->data/b.csv", ".git/HEAD": "ref", "empty": "",
	})
	m, err := snapshot.Take(t.Context(), dir, noCache())
	require.NoError(t, err)
	want := []snapshot.Entry{
		{Path: "data/b.csv", Kind: snapshot.KindFile, Mode: 0o644, Size: 4, SHA256: sha("x,y\n")},
		{Path: "empty", Kind: snapshot.KindFile, Mode: 0o644, Size: 0, SHA256: sha("")},
		{Path: "link", Kind: snapshot.KindSymlink, Mode: 0o777, Target: "data/b.csv"},
		{Path: "run.sh", Kind: snapshot.KindFile, Mode: 0o755, Size: 10, SHA256: sha("#!/bin/sh\n")},
		{Path: "train.py", Kind: snapshot.KindFile, Mode: 0o644, Size: 9, SHA256: sha("print(1)\n")},
	}
	require.Equal(t, want, m.Entries)
	require.True(t, m.Entries[3].Executable())
	require.False(t, m.Entries[4].Executable())
	require.False(t, m.Entries[2].Executable())
	require.Equal(t, snapshot.Stats{Files: 5, Bytes: 23, HashedFiles: 4, HashedBytes: 23}, m.Stats)
	require.NoError(t, m.Validate())
}

func TestTakeIDDependsOnContentOnly(t *testing.T) {
	tree := map[string]string{"a.txt": "alpha", "sub/b.txt": "beta", "l": "->a.txt"}
	a, b := t.TempDir(), t.TempDir()
	writeTree(t, a, tree)
	writeTree(t, b, tree)
	ma, err := snapshot.Take(t.Context(), a, noCache())
	require.NoError(t, err)
	mb, err := snapshot.Take(t.Context(), b, noCache())
	require.NoError(t, err)
	require.Equal(t, ma.ID(), mb.ID())
	require.Len(t, ma.ID(), 64)

	for name, change := range map[string]func(){
		"content": func() { require.NoError(t, os.WriteFile(filepath.Join(b, "a.txt"), []byte("alphA"), 0o644)) },
		"mode":    func() { require.NoError(t, os.Chmod(filepath.Join(b, "a.txt"), 0o600)) },
		"target": func() {
			require.NoError(t, os.Remove(filepath.Join(b, "l")))
			require.NoError(t, os.Symlink("sub/b.txt", filepath.Join(b, "l")))
		},
		"new": func() { writeTree(t, b, map[string]string{"c": ""}) },
	} {
		change()
		mc, err := snapshot.Take(t.Context(), b, noCache())
		require.NoError(t, err)
		require.NotEqual(t, mb.ID(), mc.ID(), name)
		mb = mc
	}
}

func TestTakeSymlinks(t *testing.T) {
	tests := []struct {
		name, link, target string
		outside            bool
	}{
		{"sibling", "l", "a.txt", false},
		{"into folder", "l", "sub", false},
		{"up then down", "sub/l", "../a.txt", false},
		{"dot", "l", ".", false},
		{"dangling inside", "l", "nothere", false},
		{"absolute", "l", "/etc/passwd", true},
		{"absolute inside", "l", "ABS/a.txt", true},
		{"parent", "l", "..", true},
		{"climbs out", "sub/l", "../../x", true},
		{"through dot link", "l", "self/../x", true},
		{"trailing climb", "l", "sub/../..", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			target := tt.target
			if len(target) > 3 && target[:4] == "ABS/" {
				target = filepath.Join(dir, target[4:])
			}
			writeTree(t, dir, map[string]string{"a.txt": "a", "sub/f": "f", "self": "->.", tt.link: "->" + target})
			m, err := snapshot.Take(t.Context(), dir, noCache())
			if !tt.outside {
				require.NoError(t, err)
				e, ok := m.Lookup(tt.link)
				require.True(t, ok)
				require.Equal(t, snapshot.Entry{Path: tt.link, Kind: snapshot.KindSymlink, Mode: 0o777, Target: target}, e)
				return
			}
			var se *snapshot.SymlinkError
			require.ErrorAs(t, err, &se)
			require.Equal(t, &snapshot.SymlinkError{Path: tt.link, Target: target}, se)
			require.Contains(t, err.Error(), "snapshot: symlink "+tt.link+" -> "+target)
			require.Contains(t, err.Error(), "AllowExternalSymlinks")

			m, err = snapshot.Take(t.Context(), dir, &snapshot.Options{DisableStatCache: true, AllowExternalSymlinks: true})
			require.NoError(t, err)
			e, ok := m.Lookup(tt.link)
			require.True(t, ok)
			require.Equal(t, target, e.Target)
		})
	}
}

func TestTakeErrors(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"f": "x"})
	_, err := snapshot.Take(t.Context(), filepath.Join(dir, "f"), noCache())
	require.ErrorIs(t, err, syscall.ENOTDIR)
	_, err = snapshot.Take(t.Context(), filepath.Join(dir, "missing"), noCache())
	require.ErrorIs(t, err, os.ErrNotExist)

	_, err = snapshot.Take(t.Context(), dir, &snapshot.Options{Ignore: "svn"})
	var oe *snapshot.OptionError
	require.ErrorAs(t, err, &oe)
	require.Equal(t, "Ignore", oe.Field)
	require.Equal(t, "svn", oe.Value)
	require.EqualError(t, err, `snapshot: option Ignore "svn": must be one of ["aml" "git"]`)

	_, err = snapshot.Take(t.Context(), dir, &snapshot.Options{StatCacheDir: filepath.Join(dir, "cache")})
	require.ErrorAs(t, err, &oe)
	require.Equal(t, "StatCacheDir", oe.Field)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = snapshot.Take(ctx, dir, noCache())
	require.True(t, errors.Is(err, context.Canceled), "got %v", err)
}

func TestTakeNeverFollowsSymlinks(t *testing.T) {
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{"secret.txt": "s", "deep/x": "x"})
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a": "a", "ext": "->" + outside, "loop": "->loop", "inner": "->sub", "sub/f": "f"})
	m, err := snapshot.Take(t.Context(), dir, &snapshot.Options{DisableStatCache: true, AllowExternalSymlinks: true})
	require.NoError(t, err)
	require.Equal(t, []string{"a", "ext", "inner", "loop", "sub/f"}, paths(m))
	require.Equal(t, int64(2), m.Stats.Bytes)
}
