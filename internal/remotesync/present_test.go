package remotesync_test

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/remotesync"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/snapshot"
)

// reports records the Progress and Present calls of one Sync.
type reports struct {
	mu      sync.Mutex
	sent    map[string]int64
	present map[string]int64
}

func (r *reports) options(python string) *remotesync.Options {
	r.sent, r.present = map[string]int64{}, map[string]int64{}
	add := func(m map[string]int64) func(string, int64) {
		return func(h string, size int64) {
			r.mu.Lock()
			defer r.mu.Unlock()
			m[h] += size
		}
	}
	return &remotesync.Options{Progress: add(r.sent), Present: add(r.present), Python: python}
}

// requireAccounts checks that every distinct content of m was reported
// once, as sent or as present, and that the counts match st.
func (r *reports) requireAccounts(t *testing.T, m *snapshot.Manifest, st *remotesync.Stats) {
	t.Helper()
	sizes := map[string]int64{}
	for _, e := range m.Entries {
		if e.Kind == snapshot.KindFile {
			sizes[e.SHA256] = e.Size
		}
	}
	got := map[string]int64{}
	for h, n := range r.sent {
		require.NotContains(t, r.present, h, "an object is sent or present, not both")
		got[h] = n
	}
	for h, n := range r.present {
		got[h] = n
	}
	require.Equal(t, sizes, got, "each content reported once with its size")
	require.Len(t, r.sent, st.FilesSent)
	require.Len(t, r.present, st.ObjectsPresent)
	var bytes int64
	for _, n := range r.sent {
		bytes += n
	}
	require.Equal(t, st.BytesSent, bytes)
}

// TestSyncReportsPresentObjects: with the helper and with the SFTP
// fallback, each distinct content is reported once, through Progress when
// sent and through Present when the host had it (after asking, by a
// diff, or acknowledged as already there when sent without asking).
func TestSyncReportsPresentObjects(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	for _, python := range []string{"", "no-such-python3"} {
		t.Run("python="+python, func(t *testing.T) {
			src := t.TempDir()
			writeTree(t, src, 40, 300)
			store := path.Join(srv.Home, "store"+python)
			dest := func(n string) string { return path.Join(srv.Home, "runs"+python, n) }
			var r reports

			m1 := take(t, src)
			st, err := remotesync.Sync(t.Context(), c, m1, src, store, dest("1"), r.options(python))
			require.NoError(t, err)
			r.requireAccounts(t, m1, st)
			require.Len(t, r.sent, 40)

			changed := filepath.Join(src, "d03", "f0003.txt")
			original, err := os.ReadFile(changed)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(changed, []byte("changed"), 0o644))
			m2 := take(t, src)
			st, err = remotesync.Sync(t.Context(), c, m2, src, store, dest("2"), r.options(python))
			require.NoError(t, err)
			r.requireAccounts(t, m2, st)
			require.Len(t, r.sent, 1)
			require.Len(t, r.present, 39)

			require.NoError(t, os.WriteFile(changed, original, 0o644))
			st, err = remotesync.Sync(t.Context(), c, m1, src, store, dest("3"), r.options(python))
			require.NoError(t, err)
			r.requireAccounts(t, m1, st)
			require.Empty(t, r.sent, "the host has every content")
			require.Len(t, r.present, 40)

			other := t.TempDir() // another folder, same contents: no diff base of its own
			writeTree(t, other, 40, 300)
			require.NoError(t, os.WriteFile(filepath.Join(other, "big.bin"), []byte(strings.Repeat("x", 2<<20)), 0o644))
			m4 := take(t, other)
			st, err = remotesync.Sync(t.Context(), c, m4, other, store, dest("4"), r.options(python))
			require.NoError(t, err)
			r.requireAccounts(t, m4, st)
			require.Len(t, r.sent, 1)
			big, ok := m4.Lookup("big.bin")
			require.True(t, ok)
			require.Contains(t, r.sent, big.SHA256)
		})
	}
}
