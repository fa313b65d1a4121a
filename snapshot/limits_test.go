package snapshot_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

// limitTree writes data/ (3 files of 1, 2, 3 KiB), models/ (one 10 KiB file)
// data/deep/ (2 KiB and empty) and 4 one-byte files in the root: 10 files,
// 18,436 bytes.
func limitTree(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{"models/m.bin": strings.Repeat("m", 10<<10)}
	for i := 1; i <= 3; i++ {
		files[fmt.Sprintf("data/d%d", i)] = strings.Repeat("d", i<<10)
	}
	for i := range 4 {
		files[fmt.Sprintf("s%d", i)] = "x"
	}
	files["data/deep/e1"] = strings.Repeat("e", 2<<10)
	files["data/deep/e2"] = ""
	writeTree(t, dir, files)
	return dir
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name     string
		opts     snapshot.Options
		want     *snapshot.LimitError
		contains []string
	}{
		{
			name: "bytes", opts: snapshot.Options{MaxBytes: 16 << 10},
			want: &snapshot.LimitError{Limit: snapshot.LimitBytes, Max: 16 << 10, Total: 18436,
				LargestFiles:   []snapshot.Usage{{"models/m.bin", 10240, 1}, {"data/d3", 3072, 1}, {"data/d2", 2048, 1}, {"data/deep/e1", 2048, 1}, {"data/d1", 1024, 1}},
				LargestFolders: []snapshot.Usage{{"models/", 10240, 1}, {"data/", 8192, 5}, {"data/deep/", 2048, 2}}},
			contains: []string{"total size 18.0 KB exceeds the limit of 16.0 KB (Options.MaxBytes)", "\n  models/m.bin  10.0 KB", "\n  data/  8.0 KB in 5 files", ".amlignore"},
		},
		{
			name: "files", opts: snapshot.Options{MaxFiles: 9},
			want: &snapshot.LimitError{Limit: snapshot.LimitFiles, Max: 9, Total: 10,
				LargestFiles:   []snapshot.Usage{{"models/m.bin", 10240, 1}, {"data/d3", 3072, 1}, {"data/d2", 2048, 1}, {"data/deep/e1", 2048, 1}, {"data/d1", 1024, 1}},
				LargestFolders: []snapshot.Usage{{"data/", 8192, 5}, {"data/deep/", 2048, 2}, {"models/", 10240, 1}}},
			contains: []string{"10 files exceed the limit of 9 files (Options.MaxFiles)", "\n  data/deep/  2.0 KB in 2 files", ".amlignore"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := limitTree(t)
			tt.opts.DisableStatCache = true
			_, err := snapshot.Take(t.Context(), dir, &tt.opts)
			var le *snapshot.LimitError
			require.ErrorAs(t, err, &le)
			tt.want.Dir = dir
			require.Equal(t, tt.want, le)
			require.True(t, strings.HasPrefix(err.Error(), "snapshot: "+dir+": "), err.Error())
			for _, c := range tt.contains {
				require.Contains(t, err.Error(), c)
			}
		})
	}
}

func TestLimitsAtExactlyTheLimitAndDisabled(t *testing.T) {
	dir := limitTree(t)
	for _, o := range []snapshot.Options{
		{MaxBytes: 18436, MaxFiles: 10},
		{MaxBytes: snapshot.NoLimit, MaxFiles: snapshot.NoLimit},
		{MaxBytes: -5, MaxFiles: -5},
	} {
		o.DisableStatCache = true
		m, err := snapshot.Take(t.Context(), dir, &o)
		require.NoError(t, err)
		require.Equal(t, 10, m.Stats.Files)
	}
}

func TestLimitFailsBeforeHashing(t *testing.T) {
	dir := t.TempDir()
	// A 64 GiB sparse file: hashing it would take minutes.
	f, err := os.Create(filepath.Join(dir, "huge.bin"))
	require.NoError(t, err)
	require.NoError(t, f.Truncate(64<<30))
	require.NoError(t, f.Close())
	start := time.Now()
	_, err = snapshot.Take(t.Context(), dir, noCache())
	var le *snapshot.LimitError
	require.ErrorAs(t, err, &le)
	require.Equal(t, int64(64<<30), le.Total)
	require.Less(t, time.Since(start), 5*time.Second)
	require.Contains(t, err.Error(), "64.0 GB exceeds the limit of 300.0 MB")
}
