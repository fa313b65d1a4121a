package workspacetest

import (
	"fmt"
	"io"
	"net/http"
	"slices"
)

// findCompute advances the state and finds a compute, writing 404 when
// there is none. Callers hold s.mu.
func (s *Server) findCompute(w http.ResponseWriter, name string) *compute {
	s.advance(s.now())
	c := s.computes[lower(name)]
	if c == nil {
		notFound(w, "The Resource '"+provider+"/workspaces/"+s.opts.Workspace+"/computes/"+name+
			"' under resource group '"+s.opts.ResourceGroup+"' was not found.")
	}
	return c
}

// getCompute serves Compute_Get.
func (s *Server) getCompute(w http.ResponseWriter, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.findCompute(w, name); c != nil {
		writeJSON(w, http.StatusOK, s.render(c))
	}
}

// listComputes serves Compute_List, by name, paged.
func (s *Server) listComputes(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advance(s.now())
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range s.computes {
			if !yield(k) {
				return
			}
		}
	})
	all := make([]map[string]any, len(keys))
	for i, k := range keys {
		all[i] = s.render(s.computes[k])
	}
	items, next, fe := page(s, r, all)
	if fe != nil {
		writeFieldError(w, fe)
		return
	}
	writePage(w, "value", items, next)
}

// patchCompute serves Compute_Update (scaleSettings of an AmlCompute):
// 200 with the compute, Azure-AsyncOperation, Location and Retry-After.
func (s *Server) patchCompute(w http.ResponseWriter, r *http.Request, name string) {
	sc, fe := parsePatch(r)
	if fe != nil {
		writeFieldError(w, fe)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.findCompute(w, name)
	switch {
	case c == nil:
		return
	case c.aml == nil:
		badRequest(w, pp+".scaleSettings", "Compute '"+name+"' is a "+c.props.ComputeType+"; only AmlCompute has scaleSettings to update.")
		return
	case c.pending != nil || c.state != "Succeeded":
		conflict(w, "Compute '"+name+"' cannot be updated while its provisioningState is "+c.state+".")
		return
	}
	if fe := mergeScale(c.aml.ScaleSettings, sc); fe != nil {
		writeFieldError(w, fe)
		return
	}
	c.state, c.modified = "Updating", s.now()
	op := s.startOp(c, opUpdate, r.URL.Query().Get("api-version"), nil)
	s.setLROHeaders(w, op, true)
	writeJSON(w, http.StatusOK, s.render(c))
}

// parsePatch reads ClusterUpdateParameters:
// {"properties":{"properties":{"scaleSettings":{...}}}}.
func parsePatch(r *http.Request) (*scaleSettings, *fieldError) {
	var body struct {
		Properties *struct {
			Properties *struct {
				ScaleSettings *scaleSettings `json:"scaleSettings"`
			} `json:"properties"`
		} `json:"properties"`
	}
	raw, _ := io.ReadAll(r.Body) // already buffered by serve
	if fe := decodeJSON(raw, &body, ""); fe != nil {
		return nil, fe
	}
	if body.Properties == nil || body.Properties.Properties == nil {
		return nil, invalid(pp, "The '%s' property is required.", pp)
	}
	sc := body.Properties.Properties.ScaleSettings
	return sc, validateScale(sc, pp+".scaleSettings", true)
}

// mergeScale applies a PATCH's scaleSettings: given fields replace, absent
// ones stay; the result must still have min <= max.
func mergeScale(dst, src *scaleSettings) *fieldError {
	minNodes := *dst.MinNodeCount
	if src.MinNodeCount != nil {
		minNodes = *src.MinNodeCount
	}
	if minNodes > *src.MaxNodeCount {
		return invalid(pp+".scaleSettings.minNodeCount", "minNodeCount %d must be between 0 and maxNodeCount %d.", minNodes, *src.MaxNodeCount)
	}
	maxNodes := *src.MaxNodeCount
	dst.MaxNodeCount, dst.MinNodeCount = &maxNodes, &minNodes
	if src.NodeIdleTimeBeforeScaleDown != nil {
		d := *src.NodeIdleTimeBeforeScaleDown
		dst.NodeIdleTimeBeforeScaleDown = &d
	}
	return nil
}

// deleteCompute serves Compute_Delete: underlyingResourceAction is
// required; Detach is for attached computes only and Delete for managed
// ones (the emulator never deletes a resource the workspace did not
// create). 202 with Azure-AsyncOperation, Location and Retry-After; 204
// when there is no such compute.
func (s *Server) deleteCompute(w http.ResponseWriter, r *http.Request, name string) {
	action := r.URL.Query().Get("underlyingResourceAction")
	if fe := deleteActionError(action); fe != nil {
		writeFieldError(w, fe)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advance(s.now())
	c := s.computes[lower(name)]
	if c == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if c.attached() != (action == "Detach") {
		badRequest(w, "underlyingResourceAction", fmt.Sprintf(
			"underlyingResourceAction '%s' is not valid for compute '%s' of type %s: use %s.",
			action, name, c.props.ComputeType, map[bool]string{true: "Detach", false: "Delete"}[c.attached()]))
		return
	}
	op := c.pending
	if op != nil && op.kind != opDelete {
		op.cancel(s.now())
	}
	if op == nil || op.kind != opDelete {
		c.state, c.modified = "Deleting", s.now()
		op = s.startOp(c, opDelete, r.URL.Query().Get("api-version"), nil)
	}
	s.setLROHeaders(w, op, true)
	w.WriteHeader(http.StatusAccepted)
}

func deleteActionError(action string) *fieldError {
	if action == "" {
		return invalid("underlyingResourceAction", "The query parameter 'underlyingResourceAction' is required (Delete or Detach).")
	}
	return oneOf("underlyingResourceAction", action, "Delete", "Detach")
}

// listKeys serves Compute_ListKeys: the secrets given at attach time for
// VirtualMachine and HDInsight (administratorAccount) and Databricks
// (databricksAccessToken); only computeType for the others.
func (s *Server) listKeys(w http.ResponseWriter, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.findCompute(w, name)
	if c == nil {
		return
	}
	out := map[string]any{"computeType": c.props.ComputeType}
	switch {
	case c.vm != nil && c.vm.AdministratorAccount != nil:
		out["administratorAccount"] = *c.vm.AdministratorAccount
	case c.databricks != nil:
		out["databricksAccessToken"] = c.databricks.DatabricksAccessToken
	}
	writeJSON(w, http.StatusOK, out)
}

// listNodes serves Compute_ListNodes (AmlCompute only), paged in "nodes".
func (s *Server) listNodes(w http.ResponseWriter, r *http.Request, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.findCompute(w, name)
	if c == nil {
		return
	}
	if c.aml == nil {
		badRequest(w, "computeName", "Compute '"+name+"' is a "+c.props.ComputeType+"; listNodes is only supported for AmlCompute.")
		return
	}
	var nodes []map[string]any
	if c.cluster != nil {
		for _, n := range c.cluster.nodes {
			item := map[string]any{"nodeId": n.id, "privateIpAddress": fmt.Sprintf("10.0.%d.%d", n.seq/250, 4+n.seq%250),
				"port": 50000 + n.seq, "nodeState": n.state}
			if *c.aml.EnableNodePublicIP {
				item["publicIpAddress"] = fmt.Sprintf("20.%d.%d.%d", 10+n.seq/62500, n.seq/250%250, 4+n.seq%250)
			}
			nodes = append(nodes, item)
		}
	}
	items, next, fe := page(s, r, nodes)
	if fe != nil {
		writeFieldError(w, fe)
		return
	}
	writePage(w, "nodes", items, next)
}
