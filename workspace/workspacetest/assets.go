package workspacetest

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// assetKind is what differs between code and environment assets.
type assetKind struct {
	segment string // path segment: "codes" or "environments"
	noun    string // in messages: "Code" or "Environment"
	// parse validates a version's properties; spec is the kind's typed
	// view. It may do I/O (codes check their storage).
	parse func(ctx context.Context, s *Server, props json.RawMessage) (spec any, fe *fieldError)
	// changed names the immutable field a re-PUT changes ("" when none),
	// with the status and message to answer.
	changed func(old, cur any) (field string, status int, message string)
	// extra adds read-only properties to a rendered version.
	extra func(props map[string]any)
}

// commonProps are the fields every asset container and version has.
type commonProps struct {
	Description string            `json:"description,omitempty"`
	Tags        map[string]string `json:"tags"`
	Properties  map[string]string `json:"properties"`
	IsAnonymous bool              `json:"isAnonymous"`
	IsArchived  bool              `json:"isArchived"`
}

// assetVersion is one version of a code or environment asset.
type assetVersion struct {
	name, version     string
	props             map[string]any // as given, echoed back
	common            commonProps
	spec              any
	created, modified time.Time
}

// assetContainer is a named asset and its versions.
type assetContainer struct {
	name              string
	common            commonProps
	versions          map[string]*assetVersion
	created, modified time.Time
}

// assetStore holds the containers of one kind. Guarded by Server.mu.
type assetStore struct {
	kind       assetKind
	containers map[string]*assetContainer // key: name (case-sensitive, as the service)
}

func newAssetStore(k assetKind) *assetStore {
	return &assetStore{kind: k, containers: map[string]*assetContainer{}}
}

// version finds name/version; nil when absent.
func (a *assetStore) version(name, version string) *assetVersion {
	if c := a.containers[name]; c != nil {
		return c.versions[version]
	}
	return nil
}

// latest is the version created last, or nil.
func (c *assetContainer) latest() *assetVersion {
	var out *assetVersion
	for _, v := range c.versions {
		if out == nil || v.created.After(out.created) {
			out = v
		}
	}
	return out
}

// nextVersion is the smallest integer above every integer version.
func (c *assetContainer) nextVersion() string {
	n := 0
	for v := range c.versions {
		if i, err := strconv.Atoi(v); err == nil && i > n {
			n = i
		}
	}
	return strconv.Itoa(n + 1)
}

func (s *Server) assetID(k assetKind, name string) string {
	return s.WorkspaceID() + "/" + k.segment + "/" + name
}

func systemData(created, modified time.Time) map[string]any {
	return map[string]any{
		"createdAt": created.UTC(), "createdBy": "workspacetest", "createdByType": "Application",
		"lastModifiedAt": modified.UTC(), "lastModifiedBy": "workspacetest", "lastModifiedByType": "Application",
	}
}

// renderContainer is an asset container resource. Callers hold s.mu.
func (s *Server) renderContainer(k assetKind, c *assetContainer) map[string]any {
	props := map[string]any{"description": c.common.Description, "tags": orEmpty(c.common.Tags),
		"properties": orEmpty(c.common.Properties), "isArchived": c.common.IsArchived,
		"nextVersion": c.nextVersion(), "provisioningState": "Succeeded"}
	if l := c.latest(); l != nil {
		props["latestVersion"] = l.version
	}
	return map[string]any{"id": s.assetID(k, c.name), "name": c.name, "type": provider + "/workspaces/" + k.segment,
		"systemData": systemData(c.created, c.modified), "properties": props}
}

// renderVersion is an asset version resource. Callers hold s.mu.
func (s *Server) renderVersion(k assetKind, v *assetVersion) map[string]any {
	props := maps.Clone(v.props)
	props["tags"], props["properties"] = orEmpty(v.common.Tags), orEmpty(v.common.Properties)
	props["isAnonymous"], props["isArchived"] = v.common.IsAnonymous, v.common.IsArchived
	props["provisioningState"] = "Succeeded"
	if k.extra != nil {
		k.extra(props)
	}
	return map[string]any{"id": s.assetID(k, v.name) + "/versions/" + v.version, "name": v.version,
		"type":       provider + "/workspaces/" + k.segment + "/versions",
		"systemData": systemData(v.created, v.modified), "properties": props}
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// sortedVersions returns versions newest first (the service's default
// $orderBy createdtime desc), ties by version.
func sortedVersions(vs []*assetVersion) []*assetVersion {
	slices.SortFunc(vs, func(a, b *assetVersion) int {
		if c := b.created.Compare(a.created); c != 0 {
			return c
		}
		return compareStrings(a.version, b.version)
	})
	return vs
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// decodeProps reads {"properties": {...}} into raw and common.
func decodeProps(body []byte) (raw json.RawMessage, common commonProps, fe *fieldError) {
	var env struct {
		Properties json.RawMessage `json:"properties"`
	}
	if fe = decodeJSON(body, &env, ""); fe != nil {
		return nil, common, fe
	}
	if len(env.Properties) == 0 || string(env.Properties) == "null" {
		return nil, common, invalid("properties", "The 'properties' property is required.")
	}
	if fe = decodeJSON(env.Properties, &common, "properties"); fe != nil {
		return nil, common, fe
	}
	return env.Properties, common, nil
}

// writeAssetPage pages items and writes them as {value, nextLink}.
func writeAssetPage[T any](s *Server, w http.ResponseWriter, r *http.Request, all []T) {
	items, next, fe := page(s, r, all)
	if fe != nil {
		writeFieldError(w, fe)
		return
	}
	writePage(w, "value", items, next)
}
