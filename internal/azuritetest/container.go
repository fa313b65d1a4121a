package azuritetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/sas"
)

// UploadPermissions are the container permissions a pending upload's SAS
// grants: read, add, create, write and list (no delete).
func UploadPermissions() sas.ContainerPermissions {
	return sas.ContainerPermissions{Read: true, Add: true, Create: true, Write: true, List: true}
}

// Credential returns the shared key of the development account.
func (s *Server) Credential() *azblob.SharedKeyCredential {
	cred, err := azblob.NewSharedKeyCredential(AccountName, AccountKey)
	if err != nil { // the constant key is valid base64
		panic("azuritetest: " + err.Error())
	}
	return cred
}

// Client returns an azblob client for the account, authorized with its
// shared key. opts may be nil.
func (s *Server) Client(opts *azblob.ClientOptions) (*azblob.Client, error) {
	c, err := azblob.NewClientWithSharedKeyCredential(s.ServiceURL, s.Credential(), opts)
	if err != nil {
		return nil, fmt.Errorf("azuritetest: %w", err)
	}
	return c, nil
}

// CreateContainer creates the named container.
func (s *Server) CreateContainer(ctx context.Context, name string) error {
	c, err := s.Client(nil)
	if err != nil {
		return err
	}
	if _, err := c.CreateContainer(ctx, name, nil); err != nil {
		return fmt.Errorf("azuritetest: create container %q: %w", name, err)
	}
	return nil
}

// ContainerSASURL returns the URL of the named container with a service SAS
// granting perms until expiry.
func (s *Server) ContainerSASURL(name string, perms sas.ContainerPermissions, expiry time.Time) (string, error) {
	qp, err := sas.BlobSignatureValues{
		Protocol:      sas.ProtocolHTTPSandHTTP,
		ExpiryTime:    expiry.UTC(),
		Permissions:   perms.String(),
		ContainerName: name,
	}.SignWithSharedKey(s.Credential())
	if err != nil {
		return "", fmt.Errorf("azuritetest: sign SAS for container %q: %w", name, err)
	}
	return s.ServiceURL + name + "?" + qp.Encode(), nil
}

// NewContainer creates a container with a unique name and returns its SAS
// URL with [UploadPermissions], valid for an hour, as startPendingUpload
// does. It fails the test on error.
func (s *Server) NewContainer(t testing.TB) string {
	t.Helper()
	name := UniqueName("test")
	if err := s.CreateContainer(t.Context(), name); err != nil {
		t.Fatal(err)
	}
	u, err := s.ContainerSASURL(name, UploadPermissions(), time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// UniqueName returns prefix followed by a dash and 16 random hex digits, a
// valid container name when prefix is lowercase letters and digits.
func UniqueName(prefix string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b)
}
