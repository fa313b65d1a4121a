package workspacetest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/bloberror"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/sas"
)

// BlobStorage is the blob account a workspace uses, e.g. an Azurite:
// ServiceURL "http://127.0.0.1:10000/devstoreaccount1/", AccountName
// "devstoreaccount1" and its AccountKey. The server signs SAS URLs with the
// key and hands them out (startPendingUpload, run history logFiles);
// listSecrets of the default datastore returns the key. String and
// GoString redact the key.
type BlobStorage struct {
	// ServiceURL is the account's blob endpoint; every blob URL the
	// server hands out or accepts starts with it.
	ServiceURL string
	// AccountName is the storage account's name.
	AccountName string
	// AccountKey is the account's shared key (base64).
	AccountKey string
}

// String describes the storage without its key.
func (b BlobStorage) String() string {
	return fmt.Sprintf("workspacetest.BlobStorage{ServiceURL: %q, AccountName: %q, AccountKey: REDACTED}", b.ServiceURL, b.AccountName)
}

// GoString keeps the key out of %#v.
func (b BlobStorage) GoString() string { return b.String() }

// sasLifetime is how long the SAS URLs the server hands out stay valid.
// Storage checks it against the real clock, never Options.Now.
const sasLifetime = time.Hour

// blobStore is the server's access to its storage account.
type blobStore struct {
	cfg    BlobStorage
	cred   *azblob.SharedKeyCredential
	client *azblob.Client
	err    error // a bad key or URL: every use answers 500

	mu      sync.Mutex
	created map[string]bool // containers known to exist
}

func newBlobStore(cfg *BlobStorage) *blobStore {
	b := &blobStore{cfg: *cfg, created: map[string]bool{}}
	if !strings.HasSuffix(b.cfg.ServiceURL, "/") {
		b.cfg.ServiceURL += "/"
	}
	b.cred, b.err = azblob.NewSharedKeyCredential(cfg.AccountName, cfg.AccountKey)
	if b.err == nil {
		b.client, b.err = azblob.NewClientWithSharedKeyCredential(b.cfg.ServiceURL, b.cred, nil)
	}
	if b.err != nil {
		b.err = fmt.Errorf("workspacetest: storage account %q: %w", cfg.AccountName, b.err)
	}
	return b
}

// workspaceContainer is the container of the default datastore.
func workspaceContainer(ws string) string { return "azureml-blobstore-" + workspaceGUID(ws) }

// ensureContainer creates the named container unless it is known to exist.
func (b *blobStore) ensureContainer(ctx context.Context, name string) error {
	b.mu.Lock()
	done := b.created[name]
	b.mu.Unlock()
	if done {
		return nil
	}
	_, err := b.client.CreateContainer(ctx, name, nil)
	if err != nil && !bloberror.HasCode(err, bloberror.ContainerAlreadyExists) {
		return fmt.Errorf("workspacetest: create container %q: %w", name, err)
	}
	b.mu.Lock()
	b.created[name] = true
	b.mu.Unlock()
	return nil
}

// containerURL is the container's URL without a SAS.
func (b *blobStore) containerURL(name string) string { return b.cfg.ServiceURL + name }

// sign returns the URL of a container (blob "") or blob with a service
// SAS granting perms for sasLifetime.
func (b *blobStore) sign(container, blob, perms string) (string, error) {
	qp, err := sas.BlobSignatureValues{
		Protocol:      sas.ProtocolHTTPSandHTTP,
		ExpiryTime:    time.Now().UTC().Add(sasLifetime),
		Permissions:   perms,
		ContainerName: container,
		BlobName:      blob,
	}.SignWithSharedKey(b.cred)
	if err != nil {
		return "", fmt.Errorf("workspacetest: sign SAS for %q: %w", container, err)
	}
	u := b.containerURL(container)
	if blob != "" {
		u += "/" + escapePath(blob)
	}
	return u + "?" + qp.Encode(), nil
}

// uploadPermissions are a pending upload's container permissions: read,
// add, create, write, list.
func uploadPermissions() string {
	return (&sas.ContainerPermissions{Read: true, Add: true, Create: true, Write: true, List: true}).String()
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// parseBlobURL splits a URL under the account into container and folder
// path (no leading or trailing slash); ok is false for any other URL.
func (b *blobStore) parseBlobURL(raw string) (container, path string, ok bool) {
	u, err := url.Parse(raw)
	base, err2 := url.Parse(b.cfg.ServiceURL)
	if err != nil || err2 != nil || u.RawQuery != "" || !strings.EqualFold(u.Scheme, base.Scheme) ||
		!strings.EqualFold(u.Host, base.Host) || !strings.HasPrefix(u.Path, base.Path) {
		return "", "", false
	}
	rest := strings.Trim(strings.TrimPrefix(u.Path, base.Path), "/")
	container, path, _ = strings.Cut(rest, "/")
	return container, path, container != ""
}

// needStorage answers 501 StorageNotConfigured (or 500 for a bad key)
// and returns nil when the server has no usable storage.
func (s *Server) needStorage(w http.ResponseWriter) *blobStore {
	switch {
	case s.blob == nil:
		writeError(w, http.StatusNotImplemented, "StorageNotConfigured",
			"The emulated workspace has no blob storage: set workspacetest.Options.Storage (e.g. to an Azurite) to use code assets, jobs and run history.", "")
		return nil
	case s.blob.err != nil:
		writeError(w, http.StatusInternalServerError, "StorageMisconfigured", s.blob.err.Error(), "")
		return nil
	}
	return s.blob
}
