package ignore

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// tree describes a test folder: files with their contents (ignore files) or
// empty, symlinks with their targets, and empty folders.
type tree struct {
	files    map[string]string
	symlinks map[string]string
	dirs     []string
}

// build writes the tree under a fresh temporary folder and returns it.
func (tr tree) build(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range tr.dirs {
		require.NoError(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	for name, body := range tr.files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	for name, target := range tr.symlinks {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.Symlink(target, p))
	}
	return root
}

// list returns what Walk keeps under root, in the order Walk reports it.
func list(t *testing.T, root string, mode Mode) []string {
	t.Helper()
	got := []string{}
	err := Walk(root, &Options{Mode: mode}, func(rel string, _ fs.DirEntry) error {
		got = append(got, rel)
		return nil
	})
	require.NoError(t, err)
	return got
}

// files is a shorthand for a set of empty files plus ignore file contents.
func files(contents map[string]string, empty ...string) map[string]string {
	m := map[string]string{}
	for _, f := range empty {
		m[f] = ""
	}
	for f, c := range contents {
		m[f] = c
	}
	return m
}
