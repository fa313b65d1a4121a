package compute_test

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
)

// snapshotJob makes a source folder with a nested data file, an
// executable file and a symlink, and a job that runs its train.py.
func snapshotJob(t *testing.T) *compute.Job {
	t.Helper()
	src := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(src, "data"), 0o755))
	files := []struct {
		name, body string
		mode       fs.FileMode
	}{
		{"train.py", "print('ok')\n", 0o644},
		{"data/x.txt", "original\n", 0o644},
		{"run.sh", "#!/bin/sh\n", 0o755},
	}
	for _, f := range files {
		p := filepath.Join(src, f.name)
		require.NoError(t, os.WriteFile(p, []byte(f.body), f.mode))
		require.NoError(t, os.Chmod(p, f.mode))
	}
	require.NoError(t, os.Symlink("data/x.txt", filepath.Join(src, "link")))
	m, err := snapshot.Take(t.Context(), src, nil)
	require.NoError(t, err)
	rc := runconfig.New()
	rc.Script = "train.py"
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = testenv.LookPath(t, "python3")
	return &compute.Job{RunID: "run_snap", Experiment: "exp", SourceDir: src, Snapshot: m,
		Config: rc, Script: rc.Script, RunDir: t.TempDir()}
}

// TestLocalSnapshotSource checks where Start takes the snapshot from: the
// workspace's objects when they are all stored (so a source file changed
// after the snapshot does not matter), else the source folder, checked
// against the snapshot's hashes (so the change is caught).
func TestLocalSnapshotSource(t *testing.T) {
	tests := []struct {
		name  string
		store func(t *testing.T, st *store.Store, job *compute.Job)
		// wantMismatch: Start must fail with a *snapshot.MismatchError.
		wantMismatch bool
	}{
		{"all objects stored", storeObjects, false},
		{"no objects", func(*testing.T, *store.Store, *compute.Job) {}, true},
		{"one object missing", func(t *testing.T, st *store.Store, job *compute.Job) {
			storeObjects(t, st, job)
			e, ok := job.Snapshot.Lookup("data/x.txt")
			require.True(t, ok)
			require.NoError(t, os.Remove(st.ObjectPath(e.SHA256)))
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := newWorkspace(t)
			st, err := store.Open(t.Context(), ws.LocalDir())
			require.NoError(t, err)
			l, err := compute.NewLocal(ws, nil)
			require.NoError(t, err)
			job := snapshotJob(t)
			tt.store(t, st, job)
			// Same size, other content: only a hash check can tell.
			require.NoError(t, os.WriteFile(filepath.Join(job.SourceDir, "data", "x.txt"), []byte("changed!\n"), 0o644))

			err = l.Start(t.Context(), job)
			if tt.wantMismatch {
				var me *snapshot.MismatchError
				require.ErrorAs(t, err, &me)
				require.Equal(t, "data/x.txt", me.Path)
				return
			}
			require.NoError(t, err)
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()
			_, js, err := l.Follow(ctx, job, 0, io.Discard)
			require.NoError(t, err)
			require.Equal(t, compute.JobCompleted, js.State, js.Error)
			checkWorkDir(t, filepath.Join(job.RunDir, "exec", "wd"))
		})
	}
}

// storeObjects stores the job's source files as objects, as
// experiment.Submit does before it starts a run.
func storeObjects(t *testing.T, st *store.Store, job *compute.Job) {
	t.Helper()
	for _, e := range job.Snapshot.Entries {
		if e.Kind != snapshot.KindFile {
			continue
		}
		hash, _, err := st.PutFile(t.Context(), filepath.Join(job.SourceDir, filepath.FromSlash(e.Path)))
		require.NoError(t, err)
		require.Equal(t, e.SHA256, hash)
	}
}

// checkWorkDir checks that wd holds snapshotJob's snapshot, as it was
// taken: contents, modes and the symlink.
func checkWorkDir(t *testing.T, wd string) {
	t.Helper()
	tests := []struct {
		name, body string
		mode       fs.FileMode
	}{
		{"train.py", "print('ok')\n", 0o644},
		{"data/x.txt", "original\n", 0o644},
		{"run.sh", "#!/bin/sh\n", 0o755},
	}
	for _, tt := range tests {
		p := filepath.Join(wd, filepath.FromSlash(tt.name))
		b, err := os.ReadFile(p)
		require.NoError(t, err, tt.name)
		require.Equal(t, tt.body, string(b), tt.name)
		fi, err := os.Stat(p)
		require.NoError(t, err)
		require.Equal(t, tt.mode, fi.Mode().Perm(), tt.name)
	}
	target, err := os.Readlink(filepath.Join(wd, "link"))
	require.NoError(t, err)
	require.Equal(t, "data/x.txt", target)
}

// TestLocalSnapshotCopyFailure: a file that is in the way in the run
// folder's wd fails Start with an error naming it, and leaves the other
// entries' copies alone (no panic, no partial success reported).
func TestLocalSnapshotCopyFailure(t *testing.T) {
	ws := newWorkspace(t)
	st, err := store.Open(t.Context(), ws.LocalDir())
	require.NoError(t, err)
	l, err := compute.NewLocal(ws, nil)
	require.NoError(t, err)
	job := snapshotJob(t)
	storeObjects(t, st, job)
	wd := filepath.Join(job.RunDir, "exec", "wd")
	require.NoError(t, os.MkdirAll(filepath.Join(wd, "data"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(wd, "data", "x.txt"), []byte("in the way"), 0o644))
	err = l.Start(t.Context(), job)
	require.ErrorContains(t, err, "compute: local target: copy snapshot file data/x.txt")
	require.ErrorIs(t, err, fs.ErrExist)
	b, err := os.ReadFile(filepath.Join(wd, "data", "x.txt"))
	require.NoError(t, err)
	require.Equal(t, "in the way", string(b), "an existing file is never overwritten")
}
