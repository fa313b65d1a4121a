package workspacetest

import (
	"io"
	"net/http"
)

// writeFieldError answers 400: InvalidRequestContent for unreadable JSON,
// ValidationError naming the field otherwise.
func writeFieldError(w http.ResponseWriter, e *fieldError) {
	if e.target == "" {
		writeError(w, http.StatusBadRequest, "InvalidRequestContent", e.message, "")
		return
	}
	badRequest(w, e.target, e.message)
}

func conflict(w http.ResponseWriter, message string) {
	writeError(w, http.StatusConflict, "Conflict", message, "")
}

// parsePut reads and validates a Compute_CreateOrUpdate request.
func (s *Server) parsePut(r *http.Request, name string) (*compute, *fieldError) {
	if e := validateComputeName(name); e != nil {
		return nil, e
	}
	raw, _ := io.ReadAll(r.Body) // already buffered by serve
	var b computeBody
	if e := decodeJSON(raw, &b, ""); e != nil {
		return nil, e
	}
	if e := s.validateBody(&b); e != nil {
		return nil, e
	}
	c := &compute{name: name, location: b.Location, tags: b.Tags, identity: b.Identity, sku: b.SKU, props: *b.Props}
	c.props.Properties = nil
	if c.tags == nil {
		c.tags = map[string]string{}
	}
	if e := s.parseTypeProps(c, b.Props.Properties); e != nil {
		return nil, e
	}
	return c, nil
}

// putCompute serves Compute_CreateOrUpdate: 201 for a new compute, 200 for
// an update of an AmlCompute, both with Azure-AsyncOperation and
// Retry-After; 409 for a duplicate attach, a type change or an operation
// in progress.
func (s *Server) putCompute(w http.ResponseWriter, r *http.Request, name string) {
	c, e := s.parsePut(r, name)
	if e != nil {
		writeFieldError(w, e)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.advance(now)
	status, kind := http.StatusCreated, opCreate
	if old := s.computes[lower(name)]; old != nil && old.state != "Failed" {
		if code, msg, target := replaceError(old, c); code != 0 {
			writeError(w, code, map[int]string{http.StatusConflict: "Conflict", http.StatusBadRequest: "ValidationError"}[code], msg, target)
			return
		}
		old.location, old.tags, old.props, old.aml = c.location, c.tags, c.props, c.aml
		c, status, kind = old, http.StatusOK, opUpdate
	} else {
		c.created = now
		if c.aml != nil {
			c.cluster = &cluster{} // demand may be set while it is created
		}
		s.computes[lower(name)] = c
	}
	c.state, c.modified, c.errs = "Creating", now, nil
	var errs []ErrorDetail
	if kind == opCreate {
		errs = s.faults.failCreate(name)
	} else {
		c.state = "Updating"
	}
	op := s.startOp(c, kind, r.URL.Query().Get("api-version"), errs)
	s.setLROHeaders(w, op, false)
	writeJSON(w, status, s.render(c))
}

// replaceError says why new cannot replace old (status 0: it can).
func replaceError(old, c *compute) (status int, message, target string) {
	name := old.name
	switch {
	case old.pending != nil:
		return http.StatusConflict, "Compute '" + name + "' has an operation in progress (provisioningState " + old.state + "); retry when it ends.", ""
	case old.attached() && c.attached():
		return http.StatusConflict, "Compute '" + name + "' is already attached to this workspace (" + old.props.ComputeType + "); detach it first to attach again.", ""
	case old.props.ComputeType != c.props.ComputeType:
		return http.StatusConflict, "Compute '" + name + "' already exists with compute type " + old.props.ComputeType + "; it cannot become " + c.props.ComputeType + ".", ""
	}
	a, b := old.aml, c.aml
	for _, f := range []struct{ field, was, now string }{
		{"vmSize", a.VMSize, b.VMSize},
		{"vmPriority", a.VMPriority, b.VMPriority},
		{"osType", a.OSType, b.OSType},
		{"subnet", refID(a.Subnet), refID(b.Subnet)},
	} {
		if f.was != f.now {
			return http.StatusBadRequest, "The '" + f.field + "' of an existing AmlCompute cannot be changed (from '" +
				f.was + "' to '" + f.now + "'); delete and recreate the compute.", pp + "." + f.field
		}
	}
	return 0, "", ""
}

func refID(r *idRef) string {
	if r == nil {
		return ""
	}
	return r.ID
}
