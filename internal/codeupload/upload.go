package codeupload

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"

	"github.com/azureml-go/azureml/snapshot"
)

// Metadata keys written on the blobs.
const (
	// MetaSHA256 holds the lowercase hex SHA-256 of a blob's content.
	MetaSHA256 = "sha256"
	// MetaUploadStatus is set to [StatusCompleted] on the indicator blob
	// once every file is in place.
	MetaUploadStatus = "upload_status"
	// MetaManifestID holds the confirmed snapshot's manifest ID.
	MetaManifestID = "manifest_id"
	// StatusCompleted is the value of MetaUploadStatus on a confirmed upload.
	StatusCompleted = "completed"
)

// uploader is the state of one Upload call.
type uploader struct {
	ctr      *container.Client
	dst      Destination
	prev     map[string]string // sha256 → previous path
	prevDst  Destination
	secrets  []string
	opts     Options
	existing map[string]blobState // by blob name
	prog     *tracker
	log      *slog.Logger
	syncMax  int64 // largest file copied with one sync Copy From URL
	copyBlk  int64 // block size of a staged copy
}

// Upload puts the files of m, read from srcDir, in dst and confirms the
// upload (see the package documentation). opts may be nil. It returns what
// it did; on error, the files already finished stay and a later call with
// the same arguments resumes from them.
func Upload(ctx context.Context, m *snapshot.Manifest, srcDir string, dst Destination, opts *Options) (*Result, error) {
	start := time.Now()
	u, its, err := newUploader(m, srcDir, dst, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	if err := u.list(ctx); err != nil {
		return nil, err
	}
	id := m.ID()
	if u.confirmedAs(its[0]) == id {
		res.AlreadyConfirmed, res.Skipped, res.Elapsed = true, len(its), time.Since(start)
		return res, nil
	}
	u.prog = newTracker(its, start, u.opts.Progress)
	if err := u.run(ctx, its, res); err != nil {
		return res, err
	}
	if err := u.confirm(ctx, its[0], id); err != nil {
		return res, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// newUploader validates the arguments and builds the uploader.
func newUploader(m *snapshot.Manifest, srcDir string, dst Destination, opts *Options) (*uploader, []item, error) {
	u := &uploader{dst: dst, syncMax: 256 << 20, copyBlk: 64 << 20}
	if opts != nil {
		u.opts = *opts
	}
	if u.opts.syncCopyMax > 0 {
		u.syncMax, u.copyBlk = u.opts.syncCopyMax, u.opts.copyBlockSize
	}
	if err := u.validate(m, srcDir); err != nil {
		return nil, nil, err
	}
	its, err := items(m, srcDir)
	if err != nil {
		return nil, nil, err
	}
	u.ctr, err = container.NewClientWithNoCredential(string(dst.Container),
		&container.ClientOptions{ClientOptions: u.opts.Client})
	if err != nil {
		return nil, nil, newError("open", "", string(dst.Container), err, u.secrets...)
	}
	u.log = u.opts.Logger
	if u.log == nil {
		u.log = slog.New(slog.DiscardHandler)
	}
	if p := u.opts.Previous; p != nil {
		u.prevDst, u.prev = p.Destination, map[string]string{}
		for _, e := range p.Manifest.Entries {
			if e.Kind == snapshot.KindFile {
				u.prev[e.SHA256] = e.Path
			}
		}
	}
	return u, its, nil
}

// validate checks everything that needs no I/O.
func (u *uploader) validate(m *snapshot.Manifest, srcDir string) error {
	if m == nil || len(m.Entries) == 0 {
		return &ValidationError{Field: "manifest", Value: "", Reason: "has no files to upload"}
	}
	if err := m.Validate(); err != nil {
		return &ValidationError{Field: "manifest", Value: m.ID(), Reason: err.Error()}
	}
	if srcDir == "" {
		return &ValidationError{Field: "srcDir", Value: srcDir, Reason: "must name the snapshot's source folder"}
	}
	if err := u.validDest("Destination", u.dst); err != nil {
		return err
	}
	u.secrets = sasSecrets(u.dst.Container)
	if u.opts.Concurrency < 0 || u.opts.BlockConcurrency < 0 {
		return &ValidationError{Field: "Options.Concurrency", Value: itoa(min(u.opts.Concurrency, u.opts.BlockConcurrency)), Reason: "must be >= 0"}
	}
	if u.opts.Concurrency == 0 {
		u.opts.Concurrency = 2 * runtime.GOMAXPROCS(0)
	}
	if u.opts.BlockConcurrency == 0 {
		u.opts.BlockConcurrency = 16
	}
	if p := u.opts.Previous; p != nil {
		if p.Manifest == nil {
			return &ValidationError{Field: "Options.Previous.Manifest", Value: "", Reason: "is required with Previous"}
		}
		if err := u.validDest("Options.Previous.Destination", p.Destination); err != nil {
			return err
		}
		u.secrets = append(u.secrets, sasSecrets(p.Destination.Container)...)
	}
	return nil
}

// validDest checks a destination's URL and prefix.
func (u *uploader) validDest(field string, d Destination) error {
	p, err := url.Parse(string(d.Container))
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
		return &ValidationError{Field: field + ".Container", Value: d.Container.Redacted(), Reason: "must be an http(s) container URL"}
	}
	if !p.Query().Has("sig") {
		return &ValidationError{Field: field + ".Container", Value: d.Container.Redacted(), Reason: "has no SAS (sig= missing)"}
	}
	if strings.Trim(p.Path, "/") == "" {
		return &ValidationError{Field: field + ".Container", Value: d.Container.Redacted(), Reason: "names no container"}
	}
	return validPrefix(field+".Prefix", d.Prefix)
}

// run puts every item on a pool of opts.Concurrency workers; the first
// error stops the others.
func (u *uploader) run(ctx context.Context, its []item, res *Result) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan item)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range min(u.opts.Concurrency, len(its)) {
		wg.Go(func() {
			for it := range work {
				how, err := u.put(ctx, it)
				if err != nil {
					cancel(err)
					continue
				}
				mu.Lock()
				res.add(how, it.size)
				mu.Unlock()
				u.prog.done(it.size, how == sent)
			}
		})
	}
feed:
	for _, it := range its {
		select {
		case work <- it:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	err := context.Cause(ctx)
	var ce *Error
	if err == nil || errors.As(err, &ce) {
		return err
	}
	return fmt.Errorf("codeupload: interrupted after %d of %d files: %w", res.Sent+res.Copied+res.Skipped, len(its), err)
}

// add counts one finished file.
func (r *Result) add(how action, size int64) {
	switch how {
	case sent:
		r.Sent++
		r.BytesSent += size
	case copied:
		r.Copied++
	default:
		r.Skipped++
	}
}

// errorIsContext reports whether err only says that ctx ended.
func errorIsContext(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// itoa formats an int.
func itoa(i int) string { return strconv.Itoa(i) }
