package codeupload

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/snapshot"
)

// Files over the sync-copy limit are copied block by block from the
// previous upload (Put Block From URL, which Azurite serves only with a SAS
// source) and committed with their metadata.
func TestLargeFilesAreCopiedInStagedBlocks(t *testing.T) {
	srv := azuritetest.Start(t)
	dir := t.TempDir()
	big := strings.Repeat("0123456789abcdef", 4096) // 64 KiB
	require.NoError(t, os.WriteFile(filepath.Join(dir, "big.bin"), []byte(big), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "small.txt"), []byte("small"), 0o644))
	m, err := snapshot.Take(t.Context(), dir, &snapshot.Options{DisableStatCache: true})
	require.NoError(t, err)

	first := Destination{Container: SASURL(srv.NewContainer(t)), Prefix: "v1"}
	_, err = Upload(t.Context(), m, dir, first, nil)
	require.NoError(t, err)
	second := Destination{Container: SASURL(srv.NewContainer(t)), Prefix: "v2"}
	res, err := Upload(t.Context(), m, dir, second, &Options{
		Previous:    &Previous{Destination: first, Manifest: m},
		syncCopyMax: 1000, copyBlockSize: 10_000,
	})
	require.NoError(t, err)
	require.Equal(t, Result{Copied: 2, Elapsed: res.Elapsed}, *res)

	ctr, err := container.NewClientWithNoCredential(string(second.Container), nil)
	require.NoError(t, err)
	resp, err := ctr.NewBlobClient("v2/big.bin").DownloadStream(t.Context(), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, big, string(got))
	e, _ := m.Lookup("big.bin")
	require.Equal(t, e.SHA256, meta(resp.Metadata, MetaSHA256))
}

func TestScrubRemovesEverySASForm(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Put "http://127.0.0.1:9/a/c/x?sv=1&sig=abc%2Bdef": dial tcp`, `Put "http://127.0.0.1:9/a/c/x?REDACTED": dial tcp`},
		{"source sig=abc%2Bdef&se=2030", "source sig=REDACTED&se=2030"},
		{"token topsecretvalue leaked", "token REDACTED leaked"},
		{"no secret here", "no secret here"},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, scrub(tc.in, "topsecretvalue"))
	}
}
