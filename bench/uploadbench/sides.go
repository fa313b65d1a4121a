package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blockblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"

	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/internal/codeupload"
	"github.com/azureml-go/azureml/snapshot"
)

// ours uploads the snapshot with codeupload.
func (b *bench) ours(ctx context.Context, _, sasURL string) error {
	dst := codeupload.Destination{Container: codeupload.SASURL(sasURL), Prefix: "src"}
	_, err := codeupload.Upload(ctx, b.m, b.dir, dst, &codeupload.Options{Concurrency: b.workers})
	return err
}

// plain walks the folder and puts every file with one UploadFile each on a
// pool of b.workers goroutines, as azcopy copy --recursive does.
func (b *bench) plain(ctx context.Context, _, sasURL string) error {
	ctr, err := container.NewClientWithNoCredential(sasURL, nil)
	if err != nil {
		return err
	}
	paths := make(chan string)
	var first atomic.Pointer[error]
	var wg sync.WaitGroup
	for range b.workers {
		wg.Go(func() {
			for rel := range paths { // keep draining after an error so the walk never blocks
				if err := putFile(ctx, ctr, b.dir, rel); err != nil {
					first.CompareAndSwap(nil, &err)
				}
			}
		})
	}
	werr := filepath.WalkDir(b.dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(b.dir, p)
		paths <- filepath.ToSlash(rel)
		return err
	})
	close(paths)
	wg.Wait()
	if werr != nil {
		return werr
	}
	if err := first.Load(); err != nil {
		return *err
	}
	return nil
}

func putFile(ctx context.Context, ctr *container.Client, dir, rel string) error {
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = ctr.NewBlockBlobClient("src/"+rel).UploadFile(ctx, f, &blockblob.UploadFileOptions{Concurrency: 16})
	return err
}

// resubmit uploads the snapshot, changes one file, and uploads the new
// snapshot to a fresh container with the first as Previous (as a new code
// version would), counting the request body bytes the client sends.
func (b *bench) resubmit(ctx context.Context) error {
	first := azuritetest.UniqueName("first")
	if err := b.srv.CreateContainer(ctx, first); err != nil {
		return err
	}
	firstURL, err := b.srv.ContainerSASURL(first, azuritetest.UploadPermissions(), time.Now().Add(time.Hour))
	if err != nil {
		return err
	}
	if err := b.ours(ctx, first, firstURL); err != nil {
		return err
	}
	changed, size, err := changeOne(b.dir, b.m)
	if err != nil {
		return err
	}
	m2, err := snapshot.Take(ctx, b.dir, &snapshot.Options{DisableStatCache: true})
	if err != nil {
		return err
	}
	cnt := &counter{}
	_, err = b.timed(ctx, func(ctx context.Context, _, sasURL string) error {
		_, err := codeupload.Upload(ctx, m2, b.dir,
			codeupload.Destination{Container: codeupload.SASURL(sasURL), Prefix: "src"},
			&codeupload.Options{Concurrency: b.workers, Client: azcore.ClientOptions{Transport: cnt},
				Previous: &codeupload.Previous{Manifest: b.m,
					Destination: codeupload.Destination{Container: codeupload.SASURL(firstURL), Prefix: "src"}}})
		return err
	})
	if err != nil {
		return err
	}
	sent := cnt.n.Load()
	fmt.Fprintf(os.Stderr, "# re-submit after changing %s (%d bytes): %d request body bytes in %d requests\n",
		changed, size, sent, cnt.reqs.Load())
	fmt.Printf("bench: azure-resubmit-bytes ratio=%.3f goal<=1.05\n", float64(sent)/float64(size))
	return b.deleteContainer(ctx, first)
}

// changeOne rewrites the middle file of m with new content of the same size.
func changeOne(dir string, m *snapshot.Manifest) (string, int64, error) {
	e := m.Entries[len(m.Entries)/2]
	p := filepath.Join(dir, filepath.FromSlash(e.Path))
	data, err := os.ReadFile(p)
	if err != nil {
		return "", 0, err
	}
	for i := range data {
		data[i] ^= 0x5a
	}
	if len(data) == 0 {
		return "", 0, fmt.Errorf("uploadbench: %s is empty", e.Path)
	}
	return e.Path, int64(len(data)), os.WriteFile(p, data, 0o644)
}

// counter is a transport counting request body bytes.
type counter struct {
	n, reqs atomic.Int64
	client  http.Client
}

func (c *counter) Do(req *http.Request) (*http.Response, error) {
	c.reqs.Add(1)
	if req.Body != nil && req.Body != http.NoBody {
		req.Body = countingBody{req.Body, &c.n}
	}
	return c.client.Do(req)
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b countingBody) Read(p []byte) (int, error) {
	k, err := b.ReadCloser.Read(p)
	b.n.Add(int64(k))
	return k, err
}
