package azuritetest_test

import (
	"bytes"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/sas"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/azuritetest"
)

func TestStartServesTheAccountAndStopsOnClose(t *testing.T) {
	s := azuritetest.Start(t)
	require.NotZero(t, s.Port)
	require.FileExists(t, s.Location+"/azurite-blob.log")

	sasURL := s.NewContainer(t)
	u, err := url.Parse(sasURL)
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:"+strconv.Itoa(s.Port), u.Host)
	perms := u.Query().Get("sp")
	require.Equal(t, "racwl", perms)
	require.NotEmpty(t, u.Query().Get("sig"))

	c, err := container.NewClientWithNoCredential(sasURL, nil)
	require.NoError(t, err)
	_, err = c.NewBlockBlobClient("a/b.txt").UploadBuffer(t.Context(), []byte("hello"), nil)
	require.NoError(t, err)
	page, err := c.NewListBlobsFlatPager(nil).NextPage(t.Context())
	require.NoError(t, err)
	require.Len(t, page.Segment.BlobItems, 1)
	require.Equal(t, "a/b.txt", *page.Segment.BlobItems[0].Name)

	require.NoError(t, s.Close())
	require.True(t, s.Exited(), "azurite-blob still running after Close")
	_, err = os.Stat(s.Location)
	require.True(t, os.IsNotExist(err), "temporary location left behind: %v", err)
	require.NoError(t, s.Close(), "second Close")
}

func TestSASIsEnforced(t *testing.T) {
	s := azuritetest.Start(t)
	name := azuritetest.UniqueName("ro")
	require.NoError(t, s.CreateContainer(t.Context(), name))
	tests := []struct {
		name   string
		perms  sas.ContainerPermissions
		expiry time.Time
	}{
		{"read-only", sas.ContainerPermissions{Read: true, List: true}, time.Now().Add(time.Hour)},
		{"expired", azuritetest.UploadPermissions(), time.Now().Add(-time.Hour)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, err := s.ContainerSASURL(name, tc.perms, tc.expiry)
			require.NoError(t, err)
			c, err := container.NewClientWithNoCredential(u, nil)
			require.NoError(t, err)
			_, err = c.NewBlockBlobClient("x").UploadBuffer(t.Context(), bytes.Repeat([]byte("x"), 10), nil)
			require.Error(t, err)
		})
	}
}

func TestFindHonoursTheEnvironment(t *testing.T) {
	t.Setenv(azuritetest.BinaryEnv, "/nonexistent/azurite-blob")
	t.Setenv("PATH", "")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	_, err := azuritetest.Find()
	var nf *azuritetest.NotFoundError
	require.ErrorAs(t, err, &nf)
	require.Contains(t, nf.Looked, "$"+azuritetest.BinaryEnv+"=/nonexistent/azurite-blob")
	require.Contains(t, err.Error(), "azuritetest: azurite-blob not found")
}
