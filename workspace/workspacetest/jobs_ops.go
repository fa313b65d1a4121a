package workspacetest

import (
	"errors"
	"net/http"
	"slices"
	"strings"
)

// jobOpSegment is the path segment of the Location URLs of job cancel and
// delete, under /subscriptions/{sub}/providers/{provider}/locations/{loc}/.
const jobOpSegment = "mfeOperationResults"

// jobOp is a job cancel or delete in progress.
type jobOp struct {
	id, job, apiVersion string
	delete              bool
}

// errCanceled and errServerClosed are the causes of a runner's
// cancellation; a timeout has its own.
var (
	errCanceled     = errors.New("canceled by request")
	errServerClosed = errors.New("the emulator was closed")
)

// routeJobs serves {ws}/jobs, {ws}/jobs/{id} and {ws}/jobs/{id}/cancel.
func (s *Server) routeJobs(w http.ResponseWriter, r *http.Request, rest []string) {
	switch {
	case len(rest) == 0 && r.Method == http.MethodGet:
		s.listJobs(w, r)
	case len(rest) == 1 && r.Method == http.MethodGet:
		s.mu.Lock()
		defer s.mu.Unlock()
		if j := s.findJob(w, rest[0]); j != nil {
			writeJSON(w, http.StatusOK, s.renderJob(j))
		}
	case len(rest) == 1 && r.Method == http.MethodPut:
		s.putJob(w, r, rest[0])
	case len(rest) == 1 && r.Method == http.MethodDelete:
		s.endJob(w, r, rest[0], true)
	case len(rest) == 2 && equalFold(rest[1], "cancel") && r.Method == http.MethodPost:
		s.endJob(w, r, rest[0], false)
	default:
		methodOrPathNotFound(w, r)
	}
}

// findJob writes 404 when there is no such job. Callers hold s.mu.
func (s *Server) findJob(w http.ResponseWriter, name string) *job {
	j := s.jobs[name]
	if j == nil || j.deleting {
		notFound(w, "Job '"+name+"' was not found in workspace '"+s.opts.Workspace+"'.")
		return nil
	}
	return j
}

// listJobs serves Jobs_List, newest first, with the jobType, tag
// ("name" or "name=value"), listViewType and properties filters.
func (s *Server) listJobs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if fe := oneOf("listViewType", q.Get("listViewType"), "ActiveOnly", "ArchivedOnly", "All"); fe != nil {
		writeFieldError(w, fe)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var js []*job
	for _, j := range s.jobs {
		if !j.deleting && jobMatches(j, q.Get("jobType"), q.Get("tag"), q.Get("listViewType")) {
			js = append(js, j)
		}
	}
	slices.SortFunc(js, func(a, b *job) int {
		if c := b.created.Compare(a.created); c != 0 {
			return c
		}
		return compareStrings(a.name, b.name)
	})
	all := make([]map[string]any, len(js))
	for i, j := range js {
		all[i] = s.renderJob(j)
	}
	writeAssetPage(s, w, r, all)
}

func jobMatches(j *job, jobType, tag, view string) bool {
	if jobType != "" && !strings.EqualFold(jobType, j.plan.spec.JobType) {
		return false
	}
	archived, _ := j.props["isArchived"].(bool)
	if (view == "" || view == "ActiveOnly") && archived || view == "ArchivedOnly" && !archived {
		return false
	}
	if tag == "" {
		return true
	}
	tags, _ := j.props["tags"].(map[string]any)
	k, v, hasValue := strings.Cut(tag, "=")
	got, ok := tags[k]
	return ok && (!hasValue || got == v)
}

// endJob serves Jobs_Cancel (del false) and Jobs_Delete (del true): a job
// that has not ended is asked to stop (CancelRequested) and the answer is
// 202 with Location and Retry-After; its Location answers 202 until the job
// has ended (and, for a delete, is gone). A cancel of an ended job is 200,
// a delete of an ended job removes it at once (200), a delete of no job
// is 204.
func (s *Server) endJob(w http.ResponseWriter, r *http.Request, name string, del bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j := s.jobs[name]
	switch {
	case j == nil && del:
		w.WriteHeader(http.StatusNoContent)
		return
	case j == nil || (j.deleting && !del):
		s.findJob(w, name)
		return
	case terminal(j.status):
		if del {
			delete(s.jobs, name)
		}
		w.WriteHeader(http.StatusOK)
		return
	}
	j.deleting = j.deleting || del
	if j.status != statusCancelRequested {
		j.status = statusCancelRequested
		j.cancel(errCanceled)
	}
	op := &jobOp{id: uuidLike(), job: name, apiVersion: r.URL.Query().Get("api-version"), delete: del}
	s.jobOps[op.id] = op
	w.Header().Set("Location", s.jobOpURL(op))
	w.Header().Set("Retry-After", s.retryAfter())
	w.WriteHeader(http.StatusAccepted)
}

func (s *Server) jobOpURL(op *jobOp) string {
	return s.URL() + "/subscriptions/" + s.opts.SubscriptionID + "/providers/" + provider + "/locations/" +
		s.opts.Location + "/" + jobOpSegment + "/" + op.id + "?api-version=" + op.apiVersion
}

// jobOperationResult serves the Location of a job cancel or delete: 202
// (Location, Retry-After) while the job runs, then 200 (cancel) or 204
// (delete) with no body.
func (s *Server) jobOperationResult(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	op := s.jobOps[strings.ToLower(id)]
	if op == nil {
		notFound(w, "The operation '"+id+"' was not found.")
		return
	}
	if j := s.jobs[op.job]; j != nil && !terminal(j.status) {
		w.Header().Set("Location", s.jobOpURL(op))
		w.Header().Set("Retry-After", s.retryAfter())
		w.WriteHeader(http.StatusAccepted)
		return
	}
	if op.delete {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// stopJobs cancels every job that has not ended and waits for the
// runners, so Close leaves no process behind.
func (s *Server) stopJobs() {
	s.mu.Lock()
	for _, j := range s.jobs {
		if !terminal(j.status) {
			j.cancel(errServerClosed)
		}
	}
	s.mu.Unlock()
	s.runs.Wait()
}
