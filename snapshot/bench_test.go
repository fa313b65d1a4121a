package snapshot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

// benchTree writes files files of size bytes each, 100 per folder.
func benchTree(b *testing.B, files, size int) string {
	dir := b.TempDir()
	tree := make(map[string]string, files)
	content := strings.Repeat("x", size)
	for i := range files {
		tree[fmt.Sprintf("d%03d/f%05d", i/100, i)] = content
	}
	writeTree(b, dir, tree)
	ageTree(b, dir)
	return dir
}

// BenchmarkTakeCold hashes every file (no stat cache): 200 files of 256 KiB.
func BenchmarkTakeCold(b *testing.B) {
	dir := benchTree(b, 200, 256<<10)
	b.SetBytes(200 * 256 << 10)
	for b.Loop() {
		_, err := snapshot.Take(b.Context(), dir, noCache())
		require.NoError(b, err)
	}
}

// BenchmarkTakeWarm re-snapshots an unchanged 10,000-file tree from the
// stat cache: one Lstat per file and no reads.
func BenchmarkTakeWarm(b *testing.B) {
	dir := benchTree(b, 10000, 16)
	opts := &snapshot.Options{StatCacheDir: b.TempDir(), MaxFiles: snapshot.NoLimit}
	_, err := snapshot.Take(b.Context(), dir, opts)
	require.NoError(b, err)
	for b.Loop() {
		m, err := snapshot.Take(b.Context(), dir, opts)
		require.NoError(b, err)
		require.Equal(b, 0, m.Stats.HashedFiles)
	}
}
