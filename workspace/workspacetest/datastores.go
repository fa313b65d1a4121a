package workspacetest

import (
	"net/http"
	"net/url"
	"strings"
)

// defaultDatastore is the name of the workspace's default datastore.
const defaultDatastore = "workspaceblobstore"

// routeDatastores serves {ws}/datastores, {ws}/datastores/{name} (GET) and
// {ws}/datastores/{name}/listSecrets (POST). The one datastore is the
// default workspaceblobstore on Options.Storage.
func (s *Server) routeDatastores(w http.ResponseWriter, r *http.Request, rest []string) {
	switch {
	case len(rest) == 0 && r.Method == http.MethodGet:
		var all []map[string]any
		if s.blob != nil && r.URL.Query().Get("isDefault") != "false" && namesInclude(r.URL.Query().Get("names")) {
			all = append(all, s.renderDatastore())
		}
		writeAssetPage(s, w, r, all)
	case len(rest) == 1 && r.Method == http.MethodGet:
		if s.findDatastore(w, rest[0]) {
			writeJSON(w, http.StatusOK, s.renderDatastore())
		}
	case len(rest) == 2 && equalFold(rest[1], "listSecrets") && r.Method == http.MethodPost:
		if s.findDatastore(w, rest[0]) {
			writeJSON(w, http.StatusOK, map[string]string{"secretsType": "AccountKey", "key": s.opts.Storage.AccountKey})
		}
	default:
		methodOrPathNotFound(w, r)
	}
}

// namesInclude applies the "names" filter (comma-separated) to the default
// datastore.
func namesInclude(names string) bool {
	if names == "" {
		return true
	}
	for n := range strings.SplitSeq(names, ",") {
		if strings.TrimSpace(n) == defaultDatastore {
			return true
		}
	}
	return false
}

// findDatastore writes 404 unless name is the default datastore and the
// server has storage.
func (s *Server) findDatastore(w http.ResponseWriter, name string) bool {
	if s.blob == nil || name != defaultDatastore {
		notFound(w, "Datastore '"+name+"' was not found in workspace '"+s.opts.Workspace+"'.")
		return false
	}
	return true
}

// renderDatastore is the default AzureBlob datastore. Its credentials are
// write-only (only their type is returned). On an Azurite the blob
// endpoint is path-style: endpoint is its host:port and protocol its
// scheme, so the account URL is {protocol}://{endpoint}/{accountName}/
// rather than {protocol}://{accountName}.blob.{endpoint}/; the
// properties map carries it whole as "serviceUrl".
func (s *Server) renderDatastore() map[string]any {
	st := s.opts.Storage
	endpoint, protocol := "core.windows.net", "https"
	if u, err := url.Parse(st.ServiceURL); err == nil && !strings.Contains(u.Host, ".blob.") {
		endpoint, protocol = u.Host, u.Scheme
	}
	now := s.now()
	return map[string]any{
		"id":         s.WorkspaceID() + "/datastores/" + defaultDatastore,
		"name":       defaultDatastore,
		"type":       provider + "/workspaces/datastores",
		"systemData": systemData(now, now),
		"properties": map[string]any{
			"datastoreType":                 "AzureBlob",
			"accountName":                   st.AccountName,
			"containerName":                 workspaceContainer(s.opts.Workspace),
			"endpoint":                      endpoint,
			"protocol":                      protocol,
			"subscriptionId":                s.opts.SubscriptionID,
			"resourceGroup":                 s.opts.ResourceGroup,
			"serviceDataAccessAuthIdentity": "None",
			"credentials":                   map[string]any{"credentialsType": "AccountKey", "secrets": map[string]string{"secretsType": "AccountKey"}},
			"description":                   "The workspace's default blob store.",
			"tags":                          map[string]string{},
			"properties":                    map[string]string{"serviceUrl": s.blob.cfg.ServiceURL},
			"isDefault":                     true,
		},
	}
}
