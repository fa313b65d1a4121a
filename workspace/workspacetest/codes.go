package workspacetest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
)

// codeSpec is the typed view of a code version: where its files are.
type codeSpec struct {
	CodeURI   string `json:"codeUri"`
	container string
	prefix    string // folder in container, no slashes at the ends
}

func codeKind() assetKind {
	return assetKind{segment: "codes", noun: "Code", parse: parseCode, changed: codeChanged}
}

// parseCode checks that codeUri is a folder of the workspace's storage
// account, in a container that exists.
func parseCode(ctx context.Context, s *Server, raw json.RawMessage) (any, *fieldError) {
	var c codeSpec
	if fe := decodeJSON(raw, &c, "properties"); fe != nil {
		return nil, fe
	}
	const target = "properties.codeUri"
	if c.CodeURI == "" {
		return nil, invalid(target, "The 'codeUri' property is required: the blob URL of the uploaded code folder.")
	}
	if s.blob == nil || s.blob.err != nil {
		return nil, invalid(target, "codeUri '%s' cannot be checked: the emulated workspace has no blob storage (set workspacetest.Options.Storage).", redactURL(c.CodeURI))
	}
	container, prefix, ok := s.blob.parseBlobURL(c.CodeURI)
	if !ok {
		return nil, invalid(target, "codeUri '%s' is not a folder of the workspace's storage account '%s' (%s{container}/{path}, without a SAS).",
			redactURL(c.CodeURI), s.blob.cfg.AccountName, s.blob.cfg.ServiceURL)
	}
	if _, err := s.blob.client.ServiceClient().NewContainerClient(container).GetProperties(ctx, nil); err != nil {
		return nil, invalid(target, "codeUri '%s': container '%s' does not exist in storage account '%s'.",
			c.CodeURI, container, s.blob.cfg.AccountName)
	}
	c.container, c.prefix = container, prefix
	return &c, nil
}

// codeChanged refuses a new codeUri for an existing version with the
// service's answer (azure-ai-ml matches "(UserError) Asset paths cannot be
// updated." to explain it).
func codeChanged(old, cur any) (string, int, string) {
	if old.(*codeSpec).CodeURI != cur.(*codeSpec).CodeURI {
		return "codeUri", http.StatusBadRequest, "Asset paths cannot be updated."
	}
	return "", 0, ""
}

// redactURL drops a URL's query (a SAS) for messages.
func redactURL(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i] + "?REDACTED"
	}
	return u
}

// containerName is Azure's rule for container names.
var containerName = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9]|-[a-z0-9]){2,62}$`)

// startPendingUpload serves CodeVersions_CreateOrGetStartPendingUpload:
// a container of its own (named after pendingUploadId, a random GUID when
// absent, and this server, see pendingContainer) in the workspace's
// storage, and its SAS URL with read, add, create, write and list
// permissions for an hour. The same pendingUploadId gets the same
// container and a fresh SAS.
func (s *Server) startPendingUpload(w http.ResponseWriter, r *http.Request, name, version string) {
	b := s.needStorage(w)
	if b == nil {
		return
	}
	var req struct {
		PendingUploadID   string `json:"pendingUploadId"`
		PendingUploadType string `json:"pendingUploadType"`
	}
	body, _ := io.ReadAll(r.Body) // buffered by serve
	if len(body) > 0 {
		if fe := decodeJSON(body, &req, ""); fe != nil {
			writeFieldError(w, fe)
			return
		}
	}
	if fe := pendingUploadError(req.PendingUploadID, req.PendingUploadType); fe != nil {
		writeFieldError(w, fe)
		return
	}
	if req.PendingUploadID == "" {
		req.PendingUploadID = uuidLike()
	}
	if req.PendingUploadType == "" || req.PendingUploadType == "None" {
		req.PendingUploadType = "TemporaryBlobReference"
	}
	container := s.pendingContainer(req.PendingUploadID)
	if err := b.ensureContainer(r.Context(), container); err != nil {
		writeError(w, http.StatusInternalServerError, "InternalServerError", err.Error(), "")
		return
	}
	sasURL, err := b.sign(container, "", uploadPermissions())
	if err != nil {
		writeError(w, http.StatusInternalServerError, "InternalServerError", err.Error(), "")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"pendingUploadId":   req.PendingUploadID,
		"pendingUploadType": req.PendingUploadType,
		"blobReferenceForConsumption": map[string]any{
			"blobUri":             b.containerURL(container),
			"storageAccountArmId": s.storageAccountID(),
			"credential":          map[string]any{"credentialType": "SAS", "sasUri": sasURL},
		},
	})
	s.logf("workspacetest: pending upload for code %s:%s in container %s", name, version, container)
}

// pendingContainer is the container of pending upload id on this server:
// "pu-<server tag>-<id>", so that two servers on one storage account (a
// shared Azurite) never share one, as two workspaces do not.
func (s *Server) pendingContainer(id string) string {
	c := "pu-" + s.tag + "-" + strings.ToLower(id)
	return strings.TrimRight(c[:min(len(c), 63)], "-") // Azure's limit
}

func pendingUploadError(id, typ string) *fieldError {
	if id != "" && !containerName.MatchString(strings.ToLower(id)) {
		return invalid("pendingUploadId", "pendingUploadId '%s' must be a GUID (3 to 63 letters, digits and single hyphens).", id)
	}
	return oneOf("pendingUploadType", typ, "None", "TemporaryBlobReference")
}

// storageAccountID is the ARM id of the workspace's storage account.
func (s *Server) storageAccountID() string {
	name := storageName(s.opts.Workspace)
	if s.opts.Storage != nil {
		name = s.opts.Storage.AccountName
	}
	return "/subscriptions/" + s.opts.SubscriptionID + "/resourceGroups/" + s.opts.ResourceGroup +
		"/providers/Microsoft.Storage/storageAccounts/" + name
}
