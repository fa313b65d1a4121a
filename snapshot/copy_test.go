package snapshot_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

func TestCopyTo(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, packTree)
	writeTree(t, src, map[string]string{"ignored/.amlignore": "*\n"})
	m, err := snapshot.Take(t.Context(), src, noCache())
	require.NoError(t, err)
	dst := filepath.Join(t.TempDir(), "run")
	require.NoError(t, m.CopyTo(t.Context(), src, dst))

	back, err := snapshot.Take(t.Context(), dst, noCache())
	require.NoError(t, err)
	require.Equal(t, m.Entries, back.Entries)
	fi, err := os.Stat(filepath.Join(dst, "bin", "run.sh"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o755), fi.Mode().Perm())

	// A copy, not a hard link: editing it leaves the source alone.
	require.NoError(t, os.WriteFile(filepath.Join(dst, "train.py"), []byte("changed"), 0o644))
	data, err := os.ReadFile(filepath.Join(src, "train.py"))
	require.NoError(t, err)
	require.Equal(t, packTree["train.py"], string(data))

	// Never overwrites.
	err = m.CopyTo(t.Context(), src, dst)
	require.ErrorIs(t, err, os.ErrExist)
}

func TestCopyToDetectsChangedSource(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, packTree)
	m, err := snapshot.Take(t.Context(), src, noCache())
	require.NoError(t, err)
	writeTree(t, src, map[string]string{"data/a.csv": "9,9\n"})
	err = m.CopyTo(t.Context(), src, t.TempDir())
	var me *snapshot.MismatchError
	require.ErrorAs(t, err, &me)
	require.Equal(t, &snapshot.MismatchError{Path: "data/a.csv", Field: "sha256", Want: sha("1,2\n"), Got: sha("9,9\n")}, me)
	require.EqualError(t, err, "snapshot: data/a.csv: sha256 is "+sha("9,9\n")+", manifest says "+sha("1,2\n"))
}
