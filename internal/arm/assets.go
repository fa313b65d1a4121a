package arm

import (
	"context"
	"net/http"
	"net/url"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// CodeVersionID returns the ARM id of version of the code asset name.
func (w WorkspaceID) CodeVersionID(name, version string) string {
	return w.String() + "/codes/" + name + "/versions/" + version
}

// EnvironmentVersionID returns the ARM id of version of the environment name.
func (w WorkspaceID) EnvironmentVersionID(name, version string) string {
	return w.String() + "/environments/" + name + "/versions/" + version
}

// assetRequest builds a request on {ws}/{kind}/{name}[/versions/{version}]{suffix};
// an empty version leaves the versions segment out.
func (c *Client) assetRequest(ctx context.Context, method string, ws WorkspaceID, kind, name, version, suffix string, q url.Values) (*policy.Request, error) {
	if err := ws.Validate(); err != nil {
		return nil, err
	}
	if err := checkSegment(kind+" name", name); err != nil {
		return nil, err
	}
	path := ws.String() + "/" + kind + "/" + name
	if version != "" {
		if err := checkSegment(kind+" version", version); err != nil {
			return nil, err
		}
		path += "/versions/" + version
	}
	return c.newRequest(ctx, method, path+suffix, q)
}

// getInto sends a GET built by build and decodes the 200 answer.
func getInto[T any](c *Client, req *policy.Request, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	var out T
	if err := c.send(req, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return &out, nil
}

// putInto sends body with a PUT built as req and decodes the 200 or 201
// answer (asset and job PUTs are synchronous).
func putInto[T any](c *Client, req *policy.Request, err error, body any) (*T, error) {
	if err != nil {
		return nil, err
	}
	b, err := marshalJSON(body)
	if err != nil {
		return nil, err
	}
	if err := setBody(req, b); err != nil {
		return nil, err
	}
	var out T
	if err := c.send(req, &out, http.StatusOK, http.StatusCreated); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetCodeContainer reads a code asset (CodeContainers_Get).
func (c *Client) GetCodeContainer(ctx context.Context, ws WorkspaceID, name string) (*CodeContainer, error) {
	req, err := c.assetRequest(ctx, http.MethodGet, ws, "codes", name, "", "", nil)
	return getInto[CodeContainer](c, req, err)
}

// CreateOrUpdateCodeContainer creates or updates a code asset
// (CodeContainers_CreateOrUpdate, synchronous PUT).
func (c *Client) CreateOrUpdateCodeContainer(ctx context.Context, ws WorkspaceID, name string, body *CodeContainer) (*CodeContainer, error) {
	if body == nil || body.Properties == nil {
		return nil, &ValidationError{Field: "code container properties", Reason: "must be set"}
	}
	req, err := c.assetRequest(ctx, http.MethodPut, ws, "codes", name, "", "", nil)
	return putInto[CodeContainer](c, req, err, &CodeContainer{Properties: body.Properties})
}

// GetCodeVersion reads a code version (CodeVersions_Get).
func (c *Client) GetCodeVersion(ctx context.Context, ws WorkspaceID, name, version string) (*CodeVersion, error) {
	req, err := c.assetRequest(ctx, http.MethodGet, ws, "codes", name, version, "", nil)
	return getInto[CodeVersion](c, req, err)
}

// CreateOrUpdateCodeVersion creates a code version pointing at uploaded
// files, or updates its mutable fields (CodeVersions_CreateOrUpdate,
// synchronous PUT). The service refuses a new codeUri for an existing
// version.
func (c *Client) CreateOrUpdateCodeVersion(ctx context.Context, ws WorkspaceID, name, version string, body *CodeVersion) (*CodeVersion, error) {
	if body == nil || body.Properties == nil || body.Properties.CodeURI == "" {
		return nil, &ValidationError{Field: "properties.codeUri", Reason: "must be set"}
	}
	req, err := c.assetRequest(ctx, http.MethodPut, ws, "codes", name, version, "", nil)
	return putInto[CodeVersion](c, req, err, &CodeVersion{Properties: body.Properties})
}

// StartPendingUpload asks for a temporary container to upload the files of
// a code version to (CodeVersions_CreateOrGetStartPendingUpload). An empty
// pendingUploadID lets the service choose one; the same id gives the same
// container again with a fresh SAS. The SAS is an SASURL: it prints
// redacted.
func (c *Client) StartPendingUpload(ctx context.Context, ws WorkspaceID, name, version, pendingUploadID string) (*PendingUpload, error) {
	req, err := c.assetRequest(ctx, http.MethodPost, ws, "codes", name, version, "/startPendingUpload", nil)
	if err != nil {
		return nil, err
	}
	body := map[string]string{"pendingUploadType": "TemporaryBlobReference"}
	if pendingUploadID != "" {
		body["pendingUploadId"] = pendingUploadID
	}
	b, err := marshalJSON(body)
	if err != nil {
		return nil, err
	}
	if err := setBody(req, b); err != nil {
		return nil, err
	}
	var out PendingUpload
	if err := c.send(req, &out, http.StatusOK); err != nil {
		return nil, err
	}
	if out.BlobReference == nil || out.BlobReference.Credential == nil || out.BlobReference.Credential.SASURI == "" {
		return nil, &ValidationError{Field: "blobReferenceForConsumption.credential.sasUri", Reason: "missing from the service's answer"}
	}
	return &out, nil
}

// ListCodeVersionsOptions filters NewListCodeVersionsPager.
type ListCodeVersionsOptions struct {
	// Hash and HashVersion find the versions whose content hash matches,
	// whatever their name (the hash and hashVersion query parameters).
	Hash, HashVersion string
}

// NewListCodeVersionsPager lists the versions of the code asset name
// (CodeVersions_List), following nextLink. With opts.Hash set, the service
// returns the versions of any name whose content has that hash: the way
// to find an upload to reuse. It sends nothing until the first NextPage.
func (c *Client) NewListCodeVersionsPager(ws WorkspaceID, name string, opts *ListCodeVersionsOptions) *runtime.Pager[CodeVersionList] {
	q := url.Values{}
	if opts != nil && opts.Hash != "" {
		q.Set("hash", opts.Hash)
		if opts.HashVersion != "" {
			q.Set("hashVersion", opts.HashVersion)
		}
	}
	first := func(ctx context.Context) (*policy.Request, error) {
		return c.assetRequest(ctx, http.MethodGet, ws, "codes", name, "", "/versions", q)
	}
	return runtime.NewPager(runtime.PagingHandler[CodeVersionList]{
		More: func(p CodeVersionList) bool { return p.NextLink != "" },
		Fetcher: func(ctx context.Context, cur *CodeVersionList) (CodeVersionList, error) {
			return fetchPage(ctx, c, cur.nextLink(), first, http.MethodGet, CodeVersionList{})
		},
	})
}

// GetEnvironmentVersion reads an environment version
// (EnvironmentVersions_Get).
func (c *Client) GetEnvironmentVersion(ctx context.Context, ws WorkspaceID, name, version string) (*EnvironmentVersion, error) {
	req, err := c.assetRequest(ctx, http.MethodGet, ws, "environments", name, version, "", nil)
	return getInto[EnvironmentVersion](c, req, err)
}

// CreateOrUpdateEnvironmentVersion creates an environment version
// (EnvironmentVersions_CreateOrUpdate, synchronous PUT). Versions are
// immutable: the same definition again is accepted, another one refused.
func (c *Client) CreateOrUpdateEnvironmentVersion(ctx context.Context, ws WorkspaceID, name, version string, body *EnvironmentVersion) (*EnvironmentVersion, error) {
	if body == nil || body.Properties == nil || (body.Properties.Image == "" && body.Properties.Build == nil) {
		return nil, &ValidationError{Field: "properties.image", Reason: "an image or a build context must be set"}
	}
	req, err := c.assetRequest(ctx, http.MethodPut, ws, "environments", name, version, "", nil)
	return putInto[EnvironmentVersion](c, req, err, &EnvironmentVersion{Properties: body.Properties})
}
