package experiment_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/sshtest"
)

// progressLog records the UploadProgress calls of one submission, and
// fails the test if two calls overlap.
type progressLog struct {
	mu     sync.Mutex
	calls  []compute.UploadProgress
	inside atomic.Int32
	t      *testing.T
}

func (l *progressLog) record(p compute.UploadProgress) {
	if l.inside.Add(1) != 1 {
		l.t.Errorf("UploadProgress called while another call is running")
	}
	defer l.inside.Add(-1)
	time.Sleep(time.Millisecond) // a slow callback: overlapping calls would show
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, p)
}

func (l *progressLog) get() []compute.UploadProgress {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]compute.UploadProgress(nil), l.calls...)
}

// requireConsistent checks the calls of an upload of files files and
// bytes bytes that sent sent bytes: fixed totals, figures that never
// shrink and stay within them, and one complete call, the last.
func requireConsistent(t *testing.T, calls []compute.UploadProgress, files int, bytes, sent int64) {
	t.Helper()
	require.NotEmpty(t, calls)
	var prev compute.UploadProgress
	for i, p := range calls {
		require.Equal(t, files, p.FilesTotal, "call %d", i)
		require.Equal(t, bytes, p.BytesTotal, "call %d", i)
		require.GreaterOrEqual(t, p.FilesDone, prev.FilesDone, "call %d: files done shrank", i)
		require.GreaterOrEqual(t, p.BytesDone, prev.BytesDone, "call %d: bytes done shrank", i)
		require.GreaterOrEqual(t, p.BytesSent, prev.BytesSent, "call %d: bytes sent shrank", i)
		require.GreaterOrEqual(t, p.Elapsed, prev.Elapsed, "call %d", i)
		require.LessOrEqual(t, p.FilesDone, p.FilesTotal)
		require.LessOrEqual(t, p.BytesDone, p.BytesTotal)
		require.LessOrEqual(t, p.BytesSent, p.BytesDone, "call %d: content sent is content done", i)
		require.Equal(t, i == len(calls)-1, p.Complete(), "call %d of %d: only the last is complete", i, len(calls))
		if p.Elapsed > 0 {
			require.InDelta(t, float64(p.BytesSent)/p.Elapsed.Seconds(), p.BytesPerSecond, 1e-6*p.BytesPerSecond+1e-9)
		}
		prev = p
	}
	require.Equal(t, sent, prev.BytesSent)
}

// progressSource writes n files of size bytes each (distinct contents)
// into a new folder with main.py, and returns it with its file and byte
// counts.
func progressSource(t *testing.T, n, size int) (string, int, int64) {
	t.Helper()
	src := t.TempDir()
	main := "print('uploaded')\n"
	writeFile(t, filepath.Join(src, "main.py"), main)
	total := int64(len(main))
	for i := range n {
		body := strings.Repeat(fmt.Sprintf("%03d", i), size)[:size]
		writeFile(t, filepath.Join(src, "data", fmt.Sprintf("part%03d.txt", i)), body)
		total += int64(size)
	}
	return src, n + 1, total
}

// TestAzureUploadProgress: SubmitOptions.UploadProgress reaches the runner
// Submit makes for the workspace's cluster itself, per submission: a
// first upload reports files and bytes growing to the totals, all sent;
// after one change the others count as done without being sent; an
// unchanged folder uploads nothing and hears nothing.
func TestAzureUploadProgress(t *testing.T) {
	e := newAzureEnv(t)
	src, files, bytes := progressSource(t, 24, 3000)
	submit := func() *progressLog {
		t.Helper()
		l := &progressLog{t: t}
		run, err := e.exp.Submit(t.Context(), pyConfig(src, "main.py", "cpu-cluster"), &experiment.SubmitOptions{UploadProgress: l.record})
		require.NoError(t, err)
		n := len(l.get())
		d, err := run.WaitForCompletion(t.Context(), nil)
		require.NoError(t, err)
		require.Equal(t, experiment.StatusCompleted, d.Status)
		require.Len(t, l.get(), n, "every call is made before Submit returns")
		return l
	}

	first := submit().get()
	requireConsistent(t, first, files, bytes, bytes)
	require.Greater(t, len(first), 2, "progress as files land, not only at the end")
	require.Less(t, first[0].FilesDone, files)

	changed := strings.Repeat("z", 5000)
	writeFile(t, filepath.Join(src, "data", "part007.txt"), changed)
	second := submit().get()
	requireConsistent(t, second, files, bytes+2000, int64(len(changed)))

	require.Empty(t, submit().get(), "the workspace has this snapshot: nothing to upload")
}

// TestRemoteUploadProgress: on a remote VM over SSH, progress counts the
// snapshot's files (not its symlinks), contents shared by several files
// travel once, and files whose content the host has count as done.
func TestRemoteUploadProgress(t *testing.T) {
	srv := sshtest.Start(t)
	ws := newWorkspace(t)
	op, err := compute.AttachRemoteVM(t.Context(), ws, "progress-vm", &compute.RemoteVMAttachConfig{
		Address: "127.0.0.1", SSHPort: srv.Port, Username: srv.User, PrivateKeyFile: srv.KeyFile,
		KnownHostsFile: srv.KnownHosts}, nil)
	require.NoError(t, err)
	_, err = op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err, srv.Log())
	exp, err := experiment.New(ws, "train")
	require.NoError(t, err)

	// 2 MB in 20 contents: streamed in batches, so reported as they land.
	src, files, bytes := progressSource(t, 20, 100_000)
	dup := strings.Repeat("d", 50_000)
	writeFile(t, filepath.Join(src, "copy1.bin"), dup)
	writeFile(t, filepath.Join(src, "copy2.bin"), dup)
	require.NoError(t, os.Symlink("main.py", filepath.Join(src, "link.py")))
	files, bytes = files+2, bytes+2*int64(len(dup))
	submit := func() []compute.UploadProgress {
		t.Helper()
		l := &progressLog{t: t}
		run, err := exp.Submit(t.Context(), pyConfig(src, "main.py", "progress-vm"), &experiment.SubmitOptions{UploadProgress: l.record})
		require.NoError(t, err, srv.Log())
		n := len(l.get())
		d, err := run.WaitForCompletion(t.Context(), nil)
		require.NoError(t, err)
		require.Equal(t, experiment.StatusCompleted, d.Status)
		require.Len(t, l.get(), n, "every call is made before Submit returns")
		return l.get()
	}

	first := submit()
	requireConsistent(t, first, files, bytes, bytes-int64(len(dup)))
	require.Greater(t, len(first), 1, "progress per batch, not only at the end")

	changed := "print('changed')\n"
	writeFile(t, filepath.Join(src, "main.py"), changed)
	second := submit()
	bytes += int64(len(changed) - len("print('uploaded')\n"))
	requireConsistent(t, second, files, bytes, int64(len(changed)))

	require.Empty(t, submit(), "the host has every content: nothing to upload")
}
