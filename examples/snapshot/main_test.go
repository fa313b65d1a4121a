package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunPrintsSortedFilesAndSummary(t *testing.T) {
	dir := t.TempDir()
	for rel, content := range map[string]string{"train.py": "x", "data/a.csv": "12", "B.txt": "", ".git/HEAD": "ref"} {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	var out, errOut bytes.Buffer
	require.NoError(t, run(t.Context(), dir, &out, &errOut))
	require.Equal(t, "B.txt\ndata/a.csv\ntrain.py\n", out.String())
	require.Regexp(t, regexp.MustCompile(`^3 files, 3 bytes, snapshot [0-9a-f]{64}\n$`), errOut.String())

	err := run(t.Context(), filepath.Join(dir, "missing"), &out, &errOut)
	require.ErrorIs(t, err, os.ErrNotExist)
}
