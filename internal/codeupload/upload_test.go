package codeupload_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/internal/codeupload"
)

func TestFirstUploadPutsEveryFileWithItsHashAndConfirms(t *testing.T) {
	srv := azurite(t)
	dir := t.TempDir()
	files := manyFiles(20, 3000)
	writeTree(t, dir, files)
	m := take(t, dir)
	dst := codeupload.Destination{Container: codeupload.SASURL(srv.NewContainer(t)), Prefix: "src"}

	var mu sync.Mutex
	var seen []codeupload.Progress
	c := newCounter()
	res, err := codeupload.Upload(t.Context(), m, dir, dst, &codeupload.Options{
		Concurrency: 3, Client: clientOpts(c),
		Progress: func(p codeupload.Progress) { mu.Lock(); seen = append(seen, p); mu.Unlock() },
	})
	require.NoError(t, err)
	require.Equal(t, 20, res.Sent)
	require.Zero(t, res.Copied+res.Skipped)
	require.Equal(t, int64(20*3000), res.BytesSent)
	require.InDelta(t, 20*3000, c.sent.Load(), 200, "request bodies: the files plus the confirmation")

	require.Len(t, seen, 20)
	last := seen[len(seen)-1]
	require.Equal(t, codeupload.Progress{FilesDone: 20, FilesTotal: 20, BytesDone: 60000, BytesTotal: 60000,
		BytesSent: 60000, Elapsed: last.Elapsed, BytesPerSecond: last.BytesPerSecond}, last)
	require.Positive(t, last.BytesPerSecond)
	for i := 1; i < len(seen); i++ {
		require.Equal(t, seen[i-1].FilesDone+1, seen[i].FilesDone)
	}

	for _, e := range m.Entries {
		body, md := download(t, dst, e.Path)
		require.Equal(t, files[e.Path], body, e.Path)
		require.Equal(t, e.SHA256, metaValue(md, codeupload.MetaSHA256), e.Path)
	}
	_, md := download(t, dst, m.Entries[0].Path)
	require.Equal(t, codeupload.StatusCompleted, metaValue(md, codeupload.MetaUploadStatus))
	ok, err := codeupload.Confirmed(t.Context(), m, dst, nil)
	require.NoError(t, err)
	require.True(t, ok)
}

func TestReuploadSendsOnlyWhatChanged(t *testing.T) {
	srv := azurite(t)
	dir := t.TempDir()
	writeTree(t, dir, manyFiles(30, 4000))
	first := take(t, dir)
	dst := codeupload.Destination{Container: codeupload.SASURL(srv.NewContainer(t)), Prefix: "code"}
	_, err := codeupload.Upload(t.Context(), first, dir, dst, nil)
	require.NoError(t, err)

	t.Run("unchanged sends nothing", func(t *testing.T) {
		c := newCounter()
		res, err := codeupload.Upload(t.Context(), first, dir, dst, &codeupload.Options{Client: clientOpts(c)})
		require.NoError(t, err)
		require.True(t, res.AlreadyConfirmed)
		require.Zero(t, res.Sent+res.Copied)
		require.Zero(t, c.sent.Load())
		require.Equal(t, int64(1), c.requests.Load(), "one listing")
	})

	changed := "d1/f005.txt"
	writeTree(t, dir, map[string]string{changed: "a new version of this file, longer than before: " + string(make([]byte, 5000))})
	second := take(t, dir)
	size := int64(len("a new version of this file, longer than before: ") + 5000)
	tests := []struct {
		name     string
		previous *codeupload.Previous
		copied   int
	}{
		{"same prefix, resume by hash", nil, 0},
		{"new container, copy from previous", &codeupload.Previous{Destination: dst, Manifest: first}, 29},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := dst
			if tc.previous != nil {
				target = codeupload.Destination{Container: codeupload.SASURL(srv.NewContainer(t)), Prefix: "code"}
			}
			c := newCounter()
			res, err := codeupload.Upload(t.Context(), second, dir, target, &codeupload.Options{Client: clientOpts(c), Previous: tc.previous})
			require.NoError(t, err)
			require.Equal(t, 1, res.Sent)
			require.Equal(t, tc.copied, res.Copied)
			require.Equal(t, 29-tc.copied, res.Skipped)
			require.Equal(t, size, res.BytesSent)
			require.GreaterOrEqual(t, c.sent.Load(), size)
			require.LessOrEqual(t, c.sent.Load(), size+200, "only the changed file's bytes travel")
			body, _ := download(t, target, changed)
			require.Len(t, body, int(size))
			ok, err := codeupload.Confirmed(t.Context(), second, target, nil)
			require.NoError(t, err)
			require.True(t, ok)
		})
	}
}

func TestInterruptedUploadResumesWithoutResending(t *testing.T) {
	srv := azurite(t)
	dir := t.TempDir()
	writeTree(t, dir, manyFiles(40, 2000))
	m := take(t, dir)
	dst := codeupload.Destination{Container: codeupload.SASURL(srv.NewContainer(t)), Prefix: "src"}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var done int
	_, err := codeupload.Upload(ctx, m, dir, dst, &codeupload.Options{Concurrency: 2,
		Progress: func(p codeupload.Progress) {
			if done = p.FilesDone; done == 10 {
				cancel()
			}
		}})
	require.Error(t, err)
	require.ErrorIs(t, err, context.Canceled)
	ok, err := codeupload.Confirmed(t.Context(), m, dst, nil)
	require.NoError(t, err)
	require.False(t, ok, "an interrupted upload is not confirmed")
	finished := len(blobNames(t, dst))
	require.GreaterOrEqual(t, finished, 10)
	require.Less(t, finished, 40)

	c := newCounter()
	res, err := codeupload.Upload(t.Context(), m, dir, dst, &codeupload.Options{Client: clientOpts(c)})
	require.NoError(t, err)
	// A request cut by the cancel may still complete on the server after
	// the listing above, so at least the listed files are skipped.
	require.GreaterOrEqual(t, res.Skipped, finished, "finished files are not re-sent")
	require.Equal(t, 40, res.Skipped+res.Sent)
	require.Positive(t, res.Sent)
	require.LessOrEqual(t, c.sent.Load(), int64(res.Sent*2000+200))
	ok, err = codeupload.Confirmed(t.Context(), m, dst, nil)
	require.NoError(t, err)
	require.True(t, ok)
}

func TestErrorsNeverCarryTheSAS(t *testing.T) {
	srv := azurite(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "a"})
	m := take(t, dir)
	good := srv.NewContainer(t)
	u, sig := tamper(t, good)

	missing, err := srv.ContainerSASURL("nope-missing", azuritetest.UploadPermissions(), time.Now().Add(time.Hour))
	require.NoError(t, err)
	tests := []struct {
		name   string
		url    string
		status int
		code   string
	}{
		// Azurite says AuthorizationFailure where Azure says AuthenticationFailed.
		{"tampered signature", u, 403, "AuthorizationFailure"},
		{"missing container", missing, 404, "ContainerNotFound"},
		{"nobody listening", replacePort(t, good), 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dst := codeupload.Destination{Container: codeupload.SASURL(tc.url), Prefix: "src"}
			opts := &codeupload.Options{Client: clientOpts(newCounter())}
			opts.Client.Retry.MaxRetries = -1
			_, err := codeupload.Upload(t.Context(), m, dir, dst, opts)
			require.Error(t, err)
			var ue *codeupload.Error
			require.True(t, errors.As(err, &ue), "%T", err)
			require.Equal(t, tc.code, ue.ErrorCode)
			require.Equal(t, tc.status, ue.StatusCode)
			for _, s := range []string{err.Error(), sprintf("%+v", err), sprintf("%#v", err), sprintf("%v", dst), sprintf("%+v", dst), sprintf("%#v", dst)} {
				require.NotContains(t, s, sig)
				require.NotContains(t, s, querySig(t, tc.url))
			}
			require.Contains(t, err.Error(), "codeupload: list")
		})
	}
}
