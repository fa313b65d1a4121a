package snapshot

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestStatterAgreesWithLstat checks the platform statter against os.Lstat.
func TestStatterAgreesWithLstat(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "a", "b"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "top.txt"), []byte("top"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "a", "run.sh"), []byte("#!/bin/sh\n"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "a", "b", "deep"), nil, 0o600))
	require.NoError(t, os.Symlink("../top.txt", filepath.Join(root, "a", "link")))
	paths := []string{"a/b/deep", "a/link", "a/run.sh", "top.txt"}

	st := newStatter(root)
	defer st.close()
	for _, p := range paths {
		var fast, slow Entry
		var fastStat, slowStat fileStat
		fast.Path, slow.Path = p, p
		require.NoError(t, st.stat(&fast, &fastStat))
		require.NoError(t, statEntry(root, &slow, &slowStat))
		require.Equal(t, slow, fast, p)
		require.Equal(t, slowStat, fastStat, p)
	}
	require.NoError(t, os.Remove(filepath.Join(root, "a", "run.sh")))
	err := st.stat(&Entry{Path: "a/run.sh"}, &fileStat{})
	require.ErrorIs(t, err, os.ErrNotExist)
	require.ErrorContains(t, err, filepath.Join(root, "a", "run.sh"))
	err = st.stat(&Entry{Path: "gone/x"}, &fileStat{})
	require.ErrorIs(t, err, os.ErrNotExist)
}
