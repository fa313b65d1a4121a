package workspacetest

import (
	"io"
	"net/http"
	"slices"
)

// routeAsset serves {ws}/{codes|environments}[/{name}[/versions[/{version}[/action]]]].
func (s *Server) routeAsset(w http.ResponseWriter, r *http.Request, a *assetStore, rest []string) {
	switch {
	case len(rest) == 0 && r.Method == http.MethodGet:
		s.listContainers(w, r, a)
	case len(rest) == 1:
		s.routeContainer(w, r, a, rest[0])
	case len(rest) == 2 && equalFold(rest[1], "versions") && r.Method == http.MethodGet:
		s.listVersions(w, r, a, rest[0])
	case len(rest) == 3 && equalFold(rest[1], "versions"):
		s.routeVersion(w, r, a, rest[0], rest[2])
	case len(rest) == 4 && equalFold(rest[1], "versions") && a == s.codes &&
		equalFold(rest[3], "startPendingUpload") && r.Method == http.MethodPost:
		s.startPendingUpload(w, r, rest[0], rest[2])
	default:
		methodOrPathNotFound(w, r)
	}
}

func (s *Server) routeContainer(w http.ResponseWriter, r *http.Request, a *assetStore, name string) {
	switch r.Method {
	case http.MethodGet:
		s.mu.Lock()
		defer s.mu.Unlock()
		if c := s.findContainer(w, a, name); c != nil {
			writeJSON(w, http.StatusOK, s.renderContainer(a.kind, c))
		}
	case http.MethodPut:
		s.putContainer(w, r, a, name)
	case http.MethodDelete:
		s.mu.Lock()
		defer s.mu.Unlock()
		if a.containers[name] == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		delete(a.containers, name)
		w.WriteHeader(http.StatusOK)
	default:
		methodOrPathNotFound(w, r)
	}
}

func (s *Server) routeVersion(w http.ResponseWriter, r *http.Request, a *assetStore, name, version string) {
	switch r.Method {
	case http.MethodGet:
		s.mu.Lock()
		defer s.mu.Unlock()
		if v := s.findVersion(w, a, name, version); v != nil {
			writeJSON(w, http.StatusOK, s.renderVersion(a.kind, v))
		}
	case http.MethodPut:
		s.putVersion(w, r, a, name, version)
	case http.MethodDelete:
		s.mu.Lock()
		defer s.mu.Unlock()
		if a.version(name, version) == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		delete(a.containers[name].versions, version)
		w.WriteHeader(http.StatusOK)
	default:
		methodOrPathNotFound(w, r)
	}
}

// findContainer writes 404 when there is no such container. Callers hold s.mu.
func (s *Server) findContainer(w http.ResponseWriter, a *assetStore, name string) *assetContainer {
	c := a.containers[name]
	if c == nil {
		notFound(w, a.kind.noun+" container '"+name+"' was not found in workspace '"+s.opts.Workspace+"'.")
	}
	return c
}

// findVersion writes 404 when there is no such version. Callers hold s.mu.
func (s *Server) findVersion(w http.ResponseWriter, a *assetStore, name, version string) *assetVersion {
	v := a.version(name, version)
	if v == nil {
		notFound(w, a.kind.noun+" version '"+name+":"+version+"' was not found in workspace '"+s.opts.Workspace+"'.")
	}
	return v
}

// putContainer serves {Code,Environment}Containers_CreateOrUpdate: 201
// new, 200 updated (description, tags, properties, isArchived).
func (s *Server) putContainer(w http.ResponseWriter, r *http.Request, a *assetStore, name string) {
	body, _ := io.ReadAll(r.Body) // buffered by serve
	_, common, fe := decodeProps(body)
	if fe != nil {
		writeFieldError(w, fe)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now, status := s.now(), http.StatusOK
	c := a.containers[name]
	if c == nil {
		c = &assetContainer{name: name, versions: map[string]*assetVersion{}, created: now}
		a.containers[name] = c
		status = http.StatusCreated
	}
	c.common, c.modified = common, now
	writeJSON(w, status, s.renderContainer(a.kind, c))
}

// putVersion serves {Code,Environment}Versions_CreateOrUpdate: 201 new
// (the container is created with it), 200 for a re-PUT that changes only
// description, tags, properties or isArchived; a change of the asset's
// content is refused as the kind says.
func (s *Server) putVersion(w http.ResponseWriter, r *http.Request, a *assetStore, name, version string) {
	body, _ := io.ReadAll(r.Body) // buffered by serve
	raw, common, fe := decodeProps(body)
	var spec any
	if fe == nil {
		spec, fe = a.kind.parse(r.Context(), s, raw)
	}
	if fe != nil {
		writeFieldError(w, fe)
		return
	}
	var props map[string]any
	_ = decodeJSON(raw, &props, "properties") // decoded above, cannot fail
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	c := a.containers[name]
	if c == nil {
		c = &assetContainer{name: name, versions: map[string]*assetVersion{}, created: now, modified: now}
		a.containers[name] = c
	}
	v, status := c.versions[version], http.StatusOK
	if v != nil {
		if field, code, msg := a.kind.changed(v.spec, spec); field != "" {
			writeError(w, code, "UserError", msg, "properties."+field)
			return
		}
	} else {
		v, status = &assetVersion{name: name, version: version, created: now}, http.StatusCreated
		c.versions[version] = v
	}
	v.props, v.common, v.spec, v.modified = props, common, spec, now
	writeJSON(w, status, s.renderVersion(a.kind, v))
}

// listContainers serves {Code,Environment}Containers_List, by name.
func (s *Server) listContainers(w http.ResponseWriter, r *http.Request, a *assetStore) {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range a.containers {
			if !yield(n) {
				return
			}
		}
	})
	all := make([]map[string]any, len(names))
	for i, n := range names {
		all[i] = s.renderContainer(a.kind, a.containers[n])
	}
	writeAssetPage(s, w, r, all)
}

// listVersions serves {Code,Environment}Versions_List, newest first.
// For codes, "hash" (with optional "hashVersion") finds versions whose
// properties hash_sha256 (and hash_version) match, in any container.
func (s *Server) listVersions(w http.ResponseWriter, r *http.Request, a *assetStore, name string) {
	q := r.URL.Query()
	hash, hashVersion := q.Get("hash"), q.Get("hashVersion")
	s.mu.Lock()
	defer s.mu.Unlock()
	var vs []*assetVersion
	for cname, c := range a.containers {
		for _, v := range c.versions {
			switch {
			case hash != "" && a == s.codes:
				if v.common.Properties["hash_sha256"] == hash &&
					(hashVersion == "" || v.common.Properties["hash_version"] == hashVersion) {
					vs = append(vs, v)
				}
			case cname == name:
				vs = append(vs, v)
			}
		}
	}
	all := make([]map[string]any, 0, len(vs))
	for _, v := range sortedVersions(vs) {
		all = append(all, s.renderVersion(a.kind, v))
	}
	writeAssetPage(s, w, r, all)
}
