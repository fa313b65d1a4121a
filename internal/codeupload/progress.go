package codeupload

import (
	"context"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"

	"github.com/azureml-go/azureml/snapshot"
)

// tracker counts finished files and calls the progress callback, one call
// at a time.
type tracker struct {
	mu    sync.Mutex
	p     Progress
	start time.Time
	fn    func(Progress)
}

func newTracker(its []item, start time.Time, fn func(Progress)) *tracker {
	t := &tracker{start: start, fn: fn}
	t.p.FilesTotal = len(its)
	for _, it := range its {
		t.p.BytesTotal += it.size
	}
	return t
}

// done records one finished file of size bytes; wasSent says the client
// sent its content.
func (t *tracker) done(size int64, wasSent bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.FilesDone++
	t.p.BytesDone += size
	if wasSent {
		t.p.BytesSent += size
	}
	t.p.Elapsed = time.Since(t.start)
	if s := t.p.Elapsed.Seconds(); s > 0 {
		t.p.BytesPerSecond = float64(t.p.BytesDone) / s
	}
	if t.fn != nil {
		t.fn(t.p)
	}
}

// Confirmed reports whether dst holds a confirmed upload of m: the
// indicator blob (m's first file) carries upload_status=completed and m's
// ID. A false answer with a nil error means a partial, foreign or absent
// upload. clientOpts may be nil.
func Confirmed(ctx context.Context, m *snapshot.Manifest, dst Destination, clientOpts *azcore.ClientOptions) (bool, error) {
	if m == nil || len(m.Entries) == 0 {
		return false, &ValidationError{Field: "manifest", Value: "", Reason: "has no files"}
	}
	u := &uploader{}
	if err := u.validDest("Destination", dst); err != nil {
		return false, err
	}
	secrets := sasSecrets(dst.Container)
	co := &container.ClientOptions{}
	if clientOpts != nil {
		co.ClientOptions = *clientOpts
	}
	ctr, err := container.NewClientWithNoCredential(string(dst.Container), co)
	if err != nil {
		return false, newError("open", "", string(dst.Container), err, secrets...)
	}
	bb := ctr.NewBlockBlobClient(blobName(dst.Prefix, m.Entries[0].Path))
	props, err := bb.GetProperties(ctx, nil)
	if err != nil {
		e := newError("read", m.Entries[0].Path, bb.URL(), err, secrets...)
		if e.StatusCode == 404 {
			return false, nil
		}
		return false, e
	}
	return meta(props.Metadata, MetaUploadStatus) == StatusCompleted &&
		meta(props.Metadata, MetaManifestID) == m.ID(), nil
}
