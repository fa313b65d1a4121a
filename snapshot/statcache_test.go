package snapshot_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

var cacheTree = map[string]string{"a.txt": "alpha", "sub/b.txt": "beta", "sub/c.txt": "gamma", "l": "->a.txt"}

// cached returns options with the stat cache in a fresh folder, and the
// path of dir's cache file.
func cached(t *testing.T, dir string) (*snapshot.Options, string) {
	cacheDir := t.TempDir()
	return &snapshot.Options{StatCacheDir: cacheDir}, filepath.Join(cacheDir, sha(dir)+".statcache")
}

func TestStatCacheSkipsUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, cacheTree)
	ageTree(t, dir)
	opts, file := cached(t, dir)

	first, err := snapshot.Take(t.Context(), dir, opts)
	require.NoError(t, err)
	require.Equal(t, snapshot.Stats{Files: 4, Bytes: 14, HashedFiles: 3, HashedBytes: 14}, first.Stats)
	require.FileExists(t, file)

	second, err := snapshot.Take(t.Context(), dir, opts)
	require.NoError(t, err)
	require.Equal(t, snapshot.Stats{Files: 4, Bytes: 14, CachedFiles: 3}, second.Stats)
	require.Equal(t, first.Entries, second.Entries)

	// Same size, new content, an older mtime than before: still re-hashed.
	p := filepath.Join(dir, "sub", "b.txt")
	require.NoError(t, os.WriteFile(p, []byte("BETA"), 0o644))
	old := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(p, old, old))
	third, err := snapshot.Take(t.Context(), dir, opts)
	require.NoError(t, err)
	require.Equal(t, snapshot.Stats{Files: 4, Bytes: 14, HashedFiles: 1, HashedBytes: 4, CachedFiles: 2}, third.Stats)
	e, _ := third.Lookup("sub/b.txt")
	require.Equal(t, sha("BETA"), e.SHA256)
	require.Equal(t, []string{"sub/b.txt"}, snapshot.Diff(second, third).Changed)
}

// TestStatCacheRacyRule checks git's racy-clean rule: a file whose mtime is
// not in an earlier second than the cache's write time is re-hashed.
func TestStatCacheRacyRule(t *testing.T) {
	mtime := time.Date(2020, 1, 1, 0, 0, 0, 500_000_000, time.UTC)
	tests := []struct {
		name    string
		written time.Time
		hashed  int
	}{
		{"written a second later", mtime.Add(time.Second), 0},
		{"written an hour later", mtime.Add(time.Hour), 0},
		{"same second, later", mtime.Add(300 * time.Millisecond), 3},
		{"same second, earlier", mtime.Add(-400 * time.Millisecond), 3},
		{"same instant", mtime, 3},
		{"written before", mtime.Add(-time.Hour), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, cacheTree)
			for _, f := range []string{"a.txt", "sub/b.txt", "sub/c.txt"} {
				require.NoError(t, os.Chtimes(filepath.Join(dir, f), mtime, mtime))
			}
			opts, file := cached(t, dir)
			_, err := snapshot.Take(t.Context(), dir, opts)
			require.NoError(t, err)
			setCacheWritten(t, file, tt.written)

			m, err := snapshot.Take(t.Context(), dir, opts)
			require.NoError(t, err)
			require.Equal(t, tt.hashed, m.Stats.HashedFiles)
			require.Equal(t, 3-tt.hashed, m.Stats.CachedFiles)
		})
	}
}

// setCacheWritten rewrites the "written" time of a stat cache file: the
// int64 after the 8-byte magic, covered by the CRC-32C at the end.
func setCacheWritten(t *testing.T, file string, written time.Time) {
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Greater(t, len(data), 20)
	binary.LittleEndian.PutUint64(data[8:16], uint64(written.UnixNano()))
	n := len(data) - 4
	binary.LittleEndian.PutUint32(data[n:], crc32.Checksum(data[:n], crc32.MakeTable(crc32.Castagnoli)))
	require.NoError(t, os.WriteFile(file, data, 0o600))
}

func TestStatCacheFutureMtimeAlwaysRehashed(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, cacheTree)
	ageTree(t, dir)
	future := time.Now().Add(time.Hour)
	require.NoError(t, os.Chtimes(filepath.Join(dir, "a.txt"), future, future))
	opts, _ := cached(t, dir)
	for range 3 {
		m, err := snapshot.Take(t.Context(), dir, opts)
		require.NoError(t, err)
		require.Equal(t, 3-m.Stats.CachedFiles, m.Stats.HashedFiles)
		require.GreaterOrEqual(t, m.Stats.HashedFiles, 1)
	}
	m, err := snapshot.Take(t.Context(), dir, opts)
	require.NoError(t, err)
	require.Equal(t, 1, m.Stats.HashedFiles)
	require.Equal(t, int64(5), m.Stats.HashedBytes)
}

func TestStatCacheCorruptOrForeignIsIgnored(t *testing.T) {
	// good is a valid cache of another folder with the same files.
	other := t.TempDir()
	writeTree(t, other, cacheTree)
	ageTree(t, other)
	otherOpts, otherFile := cached(t, other)
	_, err := snapshot.Take(t.Context(), other, otherOpts)
	require.NoError(t, err)
	good, err := os.ReadFile(otherFile)
	require.NoError(t, err)
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 1
	version := bytes.Clone(good)
	version[7]++
	for name, content := range map[string][]byte{
		"empty":       nil,
		"garbage":     []byte("{not a cache"),
		"old json":    []byte(`{"version":1,"root":"/x","written":1,"files":[]}`),
		"truncated":   good[:len(good)-7],
		"trailing":    append(bytes.Clone(good), 0),
		"bad crc":     flipped,
		"new version": version,
		"foreign":     good,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, cacheTree)
			ageTree(t, dir)
			opts, file := cached(t, dir)
			require.NoError(t, os.WriteFile(file, content, 0o600))
			m, err := snapshot.Take(t.Context(), dir, opts)
			require.NoError(t, err)
			require.Equal(t, 3, m.Stats.HashedFiles)
			m, err = snapshot.Take(t.Context(), dir, opts)
			require.NoError(t, err)
			require.Equal(t, 3, m.Stats.CachedFiles, "the cache was rewritten")
		})
	}
}

func TestStatCacheDefaultLocationAndDisable(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	t.Setenv("HOME", home)
	base, err := os.UserCacheDir()
	require.NoError(t, err)
	dir := t.TempDir()
	writeTree(t, dir, cacheTree)
	ageTree(t, dir)

	_, err = snapshot.Take(t.Context(), dir, &snapshot.Options{DisableStatCache: true})
	require.NoError(t, err)
	require.NoDirExists(t, filepath.Join(base, "azureml-go"))

	_, err = snapshot.Take(t.Context(), dir, nil)
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(base, "azureml-go", "snapshot-stat", sha(dir)+".statcache"))
	m, err := snapshot.Take(t.Context(), dir, nil)
	require.NoError(t, err)
	require.Equal(t, 3, m.Stats.CachedFiles)
}

func TestStatCacheForgetsRemovedFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, cacheTree)
	ageTree(t, dir)
	opts, file := cached(t, dir)
	_, err := snapshot.Take(t.Context(), dir, opts)
	require.NoError(t, err)
	require.NoError(t, os.Remove(filepath.Join(dir, "sub", "c.txt")))
	m, err := snapshot.Take(t.Context(), dir, opts)
	require.NoError(t, err)
	require.Equal(t, snapshot.Stats{Files: 3, Bytes: 9, CachedFiles: 2}, m.Stats)
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	require.NotContains(t, string(data), "c.txt")
}
