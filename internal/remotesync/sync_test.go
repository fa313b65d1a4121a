package remotesync_test

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/remotesync"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/sshx"
)

func dial(t testing.TB, cfg sshx.Config) *sshx.Client {
	t.Helper()
	c, err := sshx.Dial(t.Context(), cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestSyncSendsOnlyTheChangedFile(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	src := t.TempDir()
	writeTree(t, src, 1000, 1000)
	m1 := take(t, src)
	store := path.Join(srv.Home, "store")

	st, err := remotesync.Sync(t.Context(), c, m1, src, store, path.Join(srv.Home, "run1"), nil)
	require.NoError(t, err)
	require.Equal(t, 1000, st.FilesSent)
	t.Logf("first sync: %v, control bytes %d", st.Took, st.ControlBytes)
	require.Equal(t, int64(1000*1000), st.BytesSent)
	require.Equal(t, 0, st.ObjectsPresent)
	require.True(t, st.Helper)
	require.False(t, st.Diff)
	require.Equal(t, linkedListing(m1), remoteListing(t, c, path.Join(srv.Home, "run1")))

	changed := filepath.Join(src, "d07", "f0507.txt")
	original, err := os.ReadFile(changed)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(changed, []byte("new content of one file\n"), 0o644))
	m2 := take(t, src)
	st, err = remotesync.Sync(t.Context(), c, m2, src, store, path.Join(srv.Home, "run2"), nil)
	require.NoError(t, err)
	require.Equal(t, 1, st.FilesSent)
	t.Logf("re-sync: %v, control bytes %d", st.Took, st.ControlBytes)
	require.Equal(t, int64(len("new content of one file\n")), st.BytesSent)
	require.Equal(t, 999, st.ObjectsPresent)
	require.True(t, st.Diff, "the manifest goes as a diff against run1's")
	require.Less(t, st.ControlBytes, int64(1000), "no per-file list is sent again")
	require.Equal(t, linkedListing(m2), remoteListing(t, c, path.Join(srv.Home, "run2")))

	out, err := c.Run(t.Context(), "ls "+store+"/manifests")
	require.NoError(t, err)
	require.ElementsMatch(t, []string{m1.ID() + ".canon", m2.ID() + ".canon"}, strings.Fields(string(out)))

	// Back to the first content: it is sent without asking (a small diff),
	// and the host, which has it, keeps its own.
	require.NoError(t, os.WriteFile(changed, original, 0o644))
	st, err = remotesync.Sync(t.Context(), c, m1, src, store, path.Join(srv.Home, "run3"), nil)
	require.NoError(t, err)
	require.Equal(t, 0, st.FilesSent)
	require.Equal(t, 1000, st.ObjectsPresent)
	require.Equal(t, linkedListing(m1), remoteListing(t, c, path.Join(srv.Home, "run3")))
}

func TestSyncModesLinksAndDuplicates(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	src := t.TempDir()
	files := map[string]struct {
		body string
		mode os.FileMode
	}{
		"train.py":            {"print('hi')\n", 0o644},
		"run.sh":              {"#!/bin/sh\necho run\n", 0o755},
		"data/a.csv":          {"same\n", 0o644},
		"data/b copy's.csv":   {"same\n", 0o600}, // same content, other mode
		"deep/er/still/x.txt": {"", 0o644},
	}
	for name, f := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(f.body), f.mode))
		require.NoError(t, os.Chmod(p, f.mode))
	}
	require.NoError(t, os.Symlink("data/a.csv", filepath.Join(src, "latest.csv")))
	m := take(t, src)
	tests := []struct {
		name       string
		opts       *remotesync.Options
		helper     bool
		want       []string
		linkedRuns string // the link count of run.sh: 2 when linked to the store
	}{
		{"links", nil, true, linkedListing(m), "2"},
		{"copies", &remotesync.Options{Copy: true}, true, manifestListing(m), "1"},
		{"no python on the host", &remotesync.Options{Python: "no-such-python3"}, false, manifestListing(m), "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := path.Join(srv.Home, "store-"+strings.ReplaceAll(tt.name, " ", "-"))
			dest := path.Join(srv.Home, "runs", tt.name, "wd")
			st, err := remotesync.Sync(t.Context(), c, m, src, store, dest, tt.opts)
			require.NoError(t, err)
			require.Equal(t, tt.helper, st.Helper)
			require.Equal(t, 5, st.Files)
			require.Equal(t, 1, st.Symlinks)
			require.Equal(t, 4, st.Objects)
			require.Equal(t, 4, st.FilesSent)
			require.Equal(t, tt.want, remoteListing(t, c, dest))
			out, err := c.Run(t.Context(), "stat -c %h '"+dest+"/run.sh'")
			require.NoError(t, err)
			require.Equal(t, tt.linkedRuns, strings.TrimSpace(string(out)))

			// Again into the same folder: nothing sent, the result is unchanged.
			st, err = remotesync.Sync(t.Context(), c, m, src, store, dest, tt.opts)
			require.NoError(t, err)
			require.Equal(t, 0, st.FilesSent)
			require.Equal(t, tt.want, remoteListing(t, c, dest))
		})
	}
}

// A script that makes a linked file writable and edits it changes the
// object; the next Sync finds the object unsealed, verifies it, drops it
// and sends it again.
func TestSyncReplacesATamperedObject(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	src := t.TempDir()
	writeTree(t, src, 5, 100)
	m := take(t, src)
	store := path.Join(srv.Home, "store")
	_, err := remotesync.Sync(t.Context(), c, m, src, store, path.Join(srv.Home, "run1"), nil)
	require.NoError(t, err)
	f := path.Join(srv.Home, "run1", "d02", "f0002.txt")
	_, err = c.Run(t.Context(), "chmod u+w "+f+" && echo edited >> "+f)
	require.NoError(t, err)

	st, err := remotesync.Sync(t.Context(), c, m, src, store, path.Join(srv.Home, "run2"), nil)
	require.NoError(t, err)
	require.Equal(t, 1, st.FilesSent, "the tampered object is sent again")
	require.Equal(t, linkedListing(m), remoteListing(t, c, path.Join(srv.Home, "run2")))
}

// When base and diff do not give the manifest (the base changed on the
// host after the probe, or a digest collision), the host refuses the diff
// and the whole manifest is sent.
func TestSyncFallsBackToTheWholeManifest(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	src := t.TempDir()
	writeTree(t, src, 20, 100)
	m1 := take(t, src)
	store := path.Join(srv.Home, "store")
	_, err := remotesync.Sync(t.Context(), c, m1, src, store, path.Join(srv.Home, "run1"), nil)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(src, "new.txt"), []byte("new"), 0o644))
	m2 := take(t, src)
	st, err := remotesync.Sync(t.Context(), c, m2, src, store, path.Join(srv.Home, "run2"), nil)
	require.NoError(t, err)
	require.True(t, st.Diff)

	// Over 1 MiB, so it is streamed before the manifest is applied.
	big := strings.Repeat("v2 ", 1<<20)
	require.NoError(t, os.WriteFile(filepath.Join(src, "d01", "f0001.txt"), []byte(big), 0o644))
	m3 := take(t, src)
	manifests := store + "/manifests/"
	alter := &remotesync.Options{Progress: func(string, int64) { // after the probe, before the apply
		_, err := c.Run(t.Context(), "cp -f "+manifests+m1.ID()+".canon "+manifests+m2.ID()+".canon")
		assert.NoError(t, err) // not require: this runs in an upload goroutine
	}}
	st, err = remotesync.Sync(t.Context(), c, m3, src, store, path.Join(srv.Home, "run3"), alter)
	require.NoError(t, err)
	require.False(t, st.Diff, "the diff against the altered base is refused")
	require.Equal(t, 1, st.FilesSent)
	require.Equal(t, linkedListing(m3), remoteListing(t, c, path.Join(srv.Home, "run3")))
}

func TestSyncResumesAfterDrop(t *testing.T) {
	srv := sshtest.Start(t)
	proxy := srv.Proxy(t)
	src := t.TempDir()
	writeTree(t, src, 300, 20_000)
	m := take(t, src)
	store, dest := path.Join(srv.Home, "store"), path.Join(srv.Home, "wd")

	var stored atomic.Int64
	opts := &remotesync.Options{Workers: 1, Progress: func(string, int64) {
		if stored.Add(1) == 100 {
			proxy.Drop()
		}
	}}
	st1, err := remotesync.Sync(t.Context(), dial(t, proxy.Config()), m, src, store, dest, opts)
	require.ErrorIs(t, err, sshx.ErrUnreachable)
	require.GreaterOrEqual(t, st1.FilesSent, 100)
	require.Less(t, st1.FilesSent, 300)

	c := dial(t, proxy.Config())
	st2, err := remotesync.Sync(t.Context(), c, m, src, store, dest, nil)
	require.NoError(t, err)
	// An object renamed into place just before the drop may have lost its
	// reply: it counts as present, not as sent, in the first Sync.
	require.GreaterOrEqual(t, st2.ObjectsPresent, st1.FilesSent, "completed objects are not sent again")
	require.Equal(t, 300, st2.FilesSent+st2.ObjectsPresent)
	require.Equal(t, linkedListing(m), remoteListing(t, c, dest))
	out, err := c.Run(t.Context(), "find "+store+"/objects -type f ! -name '.tmp-*' | wc -l")
	require.NoError(t, err)
	require.Equal(t, "300", strings.TrimSpace(string(out)), "interrupted uploads never count as objects")
}

func TestSyncRejectsChangedSource(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	src := t.TempDir()
	writeTree(t, src, 3, 100)
	m := take(t, src)
	require.NoError(t, os.WriteFile(filepath.Join(src, "d01", "f0001.txt"), []byte("edited"), 0o644))
	store := path.Join(srv.Home, "store")
	_, err := remotesync.Sync(t.Context(), c, m, src, store, path.Join(srv.Home, "wd"), &remotesync.Options{Workers: 1})
	var ce *remotesync.ChangedError
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "d01/f0001.txt", ce.Path)
	e, _ := m.Lookup("d01/f0001.txt")
	out, err := c.Run(t.Context(), "test -e "+store+"/objects/"+e.SHA256[:2]+"/"+e.SHA256+" && echo stored || echo absent")
	require.NoError(t, err)
	require.Equal(t, "absent\n", string(out))
}

func TestSyncArgErrors(t *testing.T) {
	m := take(t, t.TempDir())
	tests := []struct{ name, store, dest, arg string }{
		{"relative store", "store", "/w", "remoteStore"},
		{"unclean dest", "/s", "/w/../w", "remoteDest"},
		{"root dest", "/s", "/", "remoteDest"},
		{"dest inside store", "/s", "/s/w", "remoteDest"},
		{"store inside dest", "/w/s", "/w", "remoteDest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := remotesync.Sync(t.Context(), nil, m, "", tt.store, tt.dest, nil)
			var ae *remotesync.ArgError
			require.ErrorAs(t, err, &ae)
			require.Equal(t, tt.arg, ae.Arg)
		})
	}
}

// A folder synced for the first time diffs against the newest manifest in
// the store (the helper's probe), e.g. a copy of a folder synced before.
func TestSyncDiffsANewFolderAgainstTheNewestManifest(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	a, b := t.TempDir(), t.TempDir()
	writeTree(t, a, 50, 100)
	writeTree(t, b, 50, 100)
	require.NoError(t, os.WriteFile(filepath.Join(b, "d02", "f0002.txt"), []byte("only in b"), 0o644))
	store := path.Join(srv.Home, "store")
	_, err := remotesync.Sync(t.Context(), c, take(t, a), a, store, path.Join(srv.Home, "a"), nil)
	require.NoError(t, err)

	mb := take(t, b)
	st, err := remotesync.Sync(t.Context(), c, mb, b, store, path.Join(srv.Home, "b"), nil)
	require.NoError(t, err)
	require.True(t, st.Diff)
	require.Equal(t, 1, st.FilesSent)
	require.Equal(t, linkedListing(mb), remoteListing(t, c, path.Join(srv.Home, "b")))
}

// Objects stored by the SFTP fallback are not sealed; the helper verifies
// and seals them instead of sending them again.
func TestSyncSealsObjectsOfTheFallback(t *testing.T) {
	srv := sshtest.Start(t)
	c := dial(t, srv.Config())
	src := t.TempDir()
	writeTree(t, src, 30, 100)
	m := take(t, src)
	store := path.Join(srv.Home, "store")
	st, err := remotesync.Sync(t.Context(), c, m, src, store, path.Join(srv.Home, "a"), &remotesync.Options{Python: "no-such-python3"})
	require.NoError(t, err)
	require.False(t, st.Helper)
	require.Equal(t, 30, st.FilesSent)

	st, err = remotesync.Sync(t.Context(), c, m, src, store, path.Join(srv.Home, "b"), nil)
	require.NoError(t, err)
	require.True(t, st.Helper)
	require.Equal(t, 0, st.FilesSent)
	require.Equal(t, 30, st.ObjectsPresent)
	require.Equal(t, linkedListing(m), remoteListing(t, c, path.Join(srv.Home, "b")))
	out, err := c.Run(t.Context(), "find "+store+"/objects -type f ! -perm 444 | wc -l")
	require.NoError(t, err)
	require.Equal(t, "0", strings.TrimSpace(string(out)), "every object is sealed read-only")
}
