package workspacetest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Path segments of the operation URLs, under
// /subscriptions/{sub}/providers/Microsoft.MachineLearningServices/locations/{location}/.
const (
	opStatusSegment = "computeOperationsStatus"  // Azure-AsyncOperation
	opResultSegment = "computeOperationsResults" // Location
)

type opKind int

const (
	opCreate opKind = iota + 1
	opUpdate
	opDelete
)

// operation is one long-running compute operation.
type operation struct {
	id         string
	kind       opKind
	compute    *compute
	start, end time.Time
	errs       []ErrorDetail // non-empty: ends Failed
	apiVersion string
	done       bool
	canceled   bool // superseded by a delete
}

// cancel ends a pending create or update that a delete supersedes.
func (op *operation) cancel(now time.Time) {
	op.done, op.canceled, op.end = true, true, now
	op.errs = []ErrorDetail{{Code: "OperationCanceled",
		Message: "The operation was canceled because compute '" + op.compute.name + "' is being deleted."}}
}

// startOp records a new operation on c, ending ProvisioningDelay from now.
func (s *Server) startOp(c *compute, kind opKind, apiVersion string, errs []ErrorDetail) *operation {
	now := s.now()
	op := &operation{id: uuidLike(), kind: kind, compute: c, start: now, end: now.Add(s.opts.ProvisioningDelay),
		errs: errs, apiVersion: apiVersion}
	s.ops[op.id] = op
	c.pending = op
	return op
}

func uuidLike() string {
	h := randomHex(16)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// advance applies every operation that has ended by now, then moves the
// clusters. Callers hold s.mu.
func (s *Server) advance(now time.Time) {
	for key, c := range s.computes {
		if op := c.pending; op != nil && !now.Before(op.end) {
			s.finish(key, c, op)
		}
		if c.cluster != nil {
			c.cluster.advance(now, s.limits(c))
		}
	}
}

func (s *Server) finish(key string, c *compute, op *operation) {
	op.done, c.pending, c.modified = true, nil, op.end
	switch {
	case op.kind == opDelete:
		delete(s.computes, key)
	case len(op.errs) > 0:
		c.state, c.errs = "Failed", op.errs
	default:
		c.state = "Succeeded"
		if op.kind == opCreate && c.cluster != nil {
			c.cluster.activeAt = op.end
		}
	}
}

func (s *Server) opURL(segment string, op *operation) string {
	return s.URL() + "/subscriptions/" + s.opts.SubscriptionID + "/providers/" + provider + "/locations/" +
		s.opts.Location + "/" + segment + "/" + op.id + "?api-version=" + op.apiVersion
}

func (s *Server) retryAfter() string {
	return strconv.Itoa(max(1, ceilSeconds(s.opts.RetryAfter)))
}

// setLROHeaders sets Azure-AsyncOperation, Retry-After and, when
// withLocation, Location.
func (s *Server) setLROHeaders(w http.ResponseWriter, op *operation, withLocation bool) {
	w.Header().Set("Azure-AsyncOperation", s.opURL(opStatusSegment, op))
	if withLocation {
		w.Header().Set("Location", s.opURL(opResultSegment, op))
	}
	w.Header().Set("Retry-After", s.retryAfter())
}

// lookupOp advances the state and finds an operation; it writes 404 when
// there is none. Callers hold s.mu.
func (s *Server) lookupOp(w http.ResponseWriter, id string) *operation {
	s.advance(s.now())
	op := s.ops[strings.ToLower(id)]
	if op == nil {
		notFound(w, "The operation '"+id+"' was not found.")
	}
	return op
}

// operationStatus serves the Azure-AsyncOperation URL: always 200, status
// InProgress (with Retry-After) until the operation ends, then Succeeded,
// Failed or Canceled (a create or update superseded by a delete).
func (s *Server) operationStatus(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	op := s.lookupOp(w, id)
	if op == nil {
		return
	}
	body := map[string]any{"id": strings.TrimPrefix(s.opURL(opStatusSegment, op), s.URL()), "name": op.id,
		"status": "InProgress", "startTime": op.start.UTC()}
	body["id"] = strings.Split(body["id"].(string), "?")[0]
	switch {
	case !op.done:
		body["percentComplete"] = 0
		w.Header().Set("Retry-After", s.retryAfter())
	case op.canceled:
		body["status"], body["endTime"], body["error"] = "Canceled", op.end.UTC(), op.errs[0]
	case len(op.errs) > 0:
		body["status"], body["endTime"], body["error"] = "Failed", op.end.UTC(), op.errs[0]
	default:
		body["status"], body["endTime"], body["percentComplete"] = "Succeeded", op.end.UTC(), 100
	}
	writeJSON(w, http.StatusOK, body)
}

// operationResult serves the Location URL: 202 (Location, Retry-After)
// while running, then the final response: 200 and the compute after an
// update, 204 after a delete, the error envelope when the operation failed.
func (s *Server) operationResult(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	op := s.lookupOp(w, id)
	if op == nil {
		return
	}
	switch {
	case !op.done:
		w.Header().Set("Location", s.opURL(opResultSegment, op))
		w.Header().Set("Retry-After", s.retryAfter())
		w.WriteHeader(http.StatusAccepted)
	case len(op.errs) > 0:
		e := op.errs[0]
		writeError(w, http.StatusBadRequest, e.Code, e.Message, e.Target)
	case op.kind == opDelete:
		w.WriteHeader(http.StatusNoContent)
	default:
		writeJSON(w, http.StatusOK, s.render(op.compute))
	}
}
