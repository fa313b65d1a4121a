package workspacetest

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// historyPrefix starts every run history (data plane) path; the discovery
// "api" URL is the emulator itself.
const historyPrefix = "/history/v1.0/"

func isHistoryPath(p string) bool { return strings.HasPrefix(p, historyPrefix) }

// routeHistory serves, under /history/v1.0/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}:
// GET runs/{runId} (Run) and GET runs/{runId}/details (RunDetails). The
// run id is the job name.
func (s *Server) routeHistory(w http.ResponseWriter, r *http.Request) {
	seg := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, historyPrefix), "/"), "/")
	ok := len(seg) >= 10 && equalFold(seg[0], "subscriptions") && equalFold(seg[2], "resourceGroups") &&
		equalFold(seg[4], "providers") && equalFold(seg[5], provider) && equalFold(seg[6], "workspaces") &&
		equalFold(seg[8], "runs") && r.Method == http.MethodGet
	if !ok || len(seg) > 11 || (len(seg) == 11 && !equalFold(seg[10], "details")) {
		methodOrPathNotFound(w, r)
		return
	}
	if !s.knownWorkspace(w, seg[1], seg[3], seg[7]) || s.needStorage(w) == nil {
		return
	}
	s.mu.Lock()
	j := s.jobs[seg[9]]
	if j == nil || j.deleting {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, "UserError", "Run "+seg[9]+" was not found.", "")
		return
	}
	run := s.renderRun(j)
	logBlob := j.logBlob
	s.mu.Unlock()
	if len(seg) == 10 {
		writeJSON(w, http.StatusOK, run)
		return
	}
	logs := map[string]string{}
	if logBlob != "" {
		u, err := s.blob.sign(workspaceContainer(s.opts.Workspace), logBlob, "r")
		if err != nil {
			writeError(w, http.StatusInternalServerError, "SystemError", err.Error(), "")
			return
		}
		logs[userLogName] = u
	}
	run["logFiles"] = logs
	writeJSON(w, http.StatusOK, run)
}

// renderRun is the run history view of a job (the fields of Run that
// RunDetails shares). Callers hold s.mu.
func (s *Server) renderRun(j *job) map[string]any {
	p := j.plan.spec
	out := map[string]any{
		"runId":          j.name,
		"runUuid":        workspaceGUID("run/" + j.name),
		"status":         j.status,
		"target":         j.plan.compute.name,
		"createdUtc":     j.created.UTC(),
		"displayName":    p.DisplayName,
		"experimentName": p.ExperimentName,
		"runType":        "azureml.CommandJob",
		"tags":           orEmpty(p.Tags),
		"properties":     orEmpty(p.Properties),
		"warnings":       []map[string]string{},
		"services":       map[string]any{"Studio": map[string]string{"endpoint": s.studioURL(j.name)}},
	}
	if out["experimentName"] == "" {
		out["experimentName"] = "Default"
	}
	for _, msg := range j.warnings {
		out["warnings"] = append(out["warnings"].([]map[string]string), map[string]string{"source": "workspacetest", "message": msg})
	}
	if !j.started.IsZero() {
		out["startTimeUtc"] = j.started.UTC()
	}
	if !j.ended.IsZero() {
		out["endTimeUtc"] = j.ended.UTC()
		out["duration"] = formatDuration(j.ended.Sub(orTime(j.started, j.ended)))
	}
	if j.err != nil {
		out["error"] = map[string]any{"error": map[string]string{"code": j.err.Code, "message": j.err.Message}}
	}
	return out
}

func orTime(t, fallback time.Time) time.Time {
	if t.IsZero() {
		return fallback
	}
	return t
}

// formatDuration prints d as the run history does: "hh:mm:ss.fffffff".
func formatDuration(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	sec, frac := int(d%time.Minute/time.Second), int(d%time.Second/100)
	return fmt.Sprintf("%02d:%02d:%02d.%07d", h, m, sec, frac)
}
