package codeupload_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/internal/codeupload"
	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/snapshot"
)

// shared is the Azurite server the tests of this package share, or the
// reason it could not start. Set once by TestMain, read-only afterwards.
var shared struct {
	srv *azuritetest.Server
	err error
}

func TestMain(m *testing.M) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	shared.srv, shared.err = azuritetest.Launch(ctx, nil)
	cancel()
	code := m.Run()
	if shared.srv != nil {
		if err := shared.srv.Close(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// azurite returns the shared server, or skips/fails the test without it.
func azurite(t *testing.T) *azuritetest.Server {
	t.Helper()
	var nf *azuritetest.NotFoundError
	switch {
	case shared.err == nil:
		return shared.srv
	case errors.As(shared.err, &nf):
		testenv.Missing(t, "azurite-blob", shared.err.Error())
	default:
		t.Fatal(shared.err)
	}
	return nil
}

// counter is a transport that counts the request body bytes it sends.
type counter struct {
	sent     atomic.Int64
	requests atomic.Int64
	client   *http.Client
}

func newCounter() *counter { return &counter{client: &http.Client{}} }

// Do implements policy.Transporter.
func (c *counter) Do(req *http.Request) (*http.Response, error) {
	c.requests.Add(1)
	if req.Body != nil && req.Body != http.NoBody {
		req.Body = &countingBody{ReadCloser: req.Body, n: &c.sent}
	}
	return c.client.Do(req)
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	k, err := b.ReadCloser.Read(p)
	b.n.Add(int64(k))
	return k, err
}

// clientOpts routes requests through c with a short retry delay.
func clientOpts(c *counter) azcore.ClientOptions {
	return azcore.ClientOptions{Transport: c, Retry: policy.RetryOptions{RetryDelay: 10 * time.Millisecond}}
}

// writeTree writes files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(content), 0o644))
	}
}

// take snapshots dir without a stat cache.
func take(t *testing.T, dir string) *snapshot.Manifest {
	t.Helper()
	m, err := snapshot.Take(t.Context(), dir, &snapshot.Options{DisableStatCache: true})
	require.NoError(t, err)
	return m
}

// manyFiles returns n files of size bytes each, with distinct content.
func manyFiles(n, size int) map[string]string {
	files := map[string]string{}
	for i := range n {
		b := make([]byte, size)
		for j := range b {
			b[j] = byte('a' + (i*7+j)%26)
		}
		copy(b, fmt.Sprintf("file %d\n", i))
		files[fmt.Sprintf("d%d/f%03d.txt", i%4, i)] = string(b)
	}
	return files
}

// download reads a blob of dst through a fresh client.
func download(t *testing.T, dst codeupload.Destination, p string) (string, map[string]*string) {
	t.Helper()
	c, err := container.NewClientWithNoCredential(string(dst.Container), nil)
	require.NoError(t, err)
	name := p
	if dst.Prefix != "" {
		name = dst.Prefix + "/" + p
	}
	resp, err := c.NewBlobClient(name).DownloadStream(t.Context(), nil)
	require.NoError(t, err, "download %s", name)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b), resp.Metadata
}

// blobNames lists the blob names of a container.
func blobNames(t *testing.T, dst codeupload.Destination) []string {
	t.Helper()
	c, err := container.NewClientWithNoCredential(string(dst.Container), nil)
	require.NoError(t, err)
	var names []string
	pager := c.NewListBlobsFlatPager(nil)
	for pager.More() {
		page, err := pager.NextPage(t.Context())
		require.NoError(t, err)
		for _, b := range page.Segment.BlobItems {
			names = append(names, *b.Name)
		}
	}
	return names
}

// metaValue reads a metadata value whatever the key's case.
func metaValue(md map[string]*string, key string) string {
	for k, v := range md {
		if strings.EqualFold(k, key) && v != nil {
			return *v
		}
	}
	return ""
}
