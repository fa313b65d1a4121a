package workspacetest

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/url"
	"time"
)

// Job statuses, as the service names them.
const (
	statusNotStarted      = "NotStarted"
	statusQueued          = "Queued"
	statusPreparing       = "Preparing"
	statusProvisioning    = "Provisioning"
	statusStarting        = "Starting"
	statusRunning         = "Running"
	statusFinalizing      = "Finalizing"
	statusCancelRequested = "CancelRequested"
	statusCompleted       = "Completed"
	statusFailed          = "Failed"
	statusCanceled        = "Canceled"
)

func terminal(status string) bool {
	return status == statusCompleted || status == statusFailed || status == statusCanceled
}

// job is one submitted job and its run. Its fields are guarded by
// Server.mu, except plan, which is read-only once the job exists.
type job struct {
	name     string
	props    map[string]any // as given, echoed back
	plan     *jobPlan
	status   string
	created  time.Time
	started  time.Time // Running began (zero before)
	ended    time.Time
	err      *ErrorDetail
	warnings []string
	logBlob  string // the user log's blob name, once it exists
	cancel   context.CancelCauseFunc
	deleting bool
	done     chan struct{} // closed when the runner ends
}

// outputPrefix is the job's default output folder in the workspace
// container, as the service lays it out.
func outputPrefix(runID string) string { return "ExperimentRun/dcid." + runID }

// userLogName is the user log's path relative to the output folder.
const userLogName = "user_logs/std_log.txt"

// putJob serves Jobs_CreateOrUpdate: 201 and a NotStarted job that starts
// running at once; 200 for a re-PUT, which may change only tags,
// properties, displayName and description.
func (s *Server) putJob(w http.ResponseWriter, r *http.Request, name string) {
	if s.needStorage(w) == nil {
		return
	}
	body, _ := io.ReadAll(r.Body) // buffered by serve
	plan, fe := parseJob(body)
	if fe != nil {
		writeFieldError(w, fe)
		return
	}
	var envelope struct {
		Properties map[string]any `json:"properties"`
	}
	_ = json.Unmarshal(body, &envelope) // decoded by parseJob
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.jobs[name]; old != nil {
		s.updateJob(w, old, plan, envelope.Properties)
		return
	}
	if fe := s.resolve(plan); fe != nil {
		writeFieldError(w, fe)
		return
	}
	j := &job{name: name, props: envelope.Properties, plan: plan, status: statusNotStarted,
		created: s.now(), done: make(chan struct{})}
	if plan.env.Image != "" || plan.env.Build != nil {
		j.warnings = append(j.warnings, "workspacetest: the environment's image was not built; the command ran on this machine with its PATH (e.g. python3).")
	}
	var ctx context.Context
	ctx, j.cancel = context.WithCancelCause(context.Background())
	s.jobs[name] = j
	s.runs.Add(1)
	go s.runJob(ctx, j)
	writeJSON(w, http.StatusCreated, s.renderJob(j))
}

// updateJob applies a re-PUT. Callers hold s.mu.
func (s *Server) updateJob(w http.ResponseWriter, j *job, p *jobPlan, props map[string]any) {
	old := j.plan.spec
	for _, f := range []struct{ field, was, now string }{
		{"command", old.Command, p.spec.Command}, {"codeId", old.CodeID, p.spec.CodeID},
		{"environmentId", old.EnvironmentID, p.spec.EnvironmentID}, {"computeId", old.ComputeID, p.spec.ComputeID},
	} {
		if f.was != f.now {
			badRequest(w, jp+"."+f.field, "The '"+f.field+"' of existing job '"+j.name+"' cannot be changed; submit a new job.")
			return
		}
	}
	for _, k := range []string{"tags", "properties", "displayName", "description"} {
		if v, ok := props[k]; ok {
			j.props[k] = v
		} else {
			delete(j.props, k)
		}
	}
	writeJSON(w, http.StatusOK, s.renderJob(j))
}

// studioURL is the job's link in the (real) Azure ML studio.
func (s *Server) studioURL(name string) string {
	return "https://ml.azure.com/runs/" + url.PathEscape(name) + "?wsid=" + url.QueryEscape(s.WorkspaceID()) + "&tid=" + tenantID
}

// renderJob is the JobBase resource. Callers hold s.mu.
func (s *Server) renderJob(j *job) map[string]any {
	props := maps.Clone(j.props)
	props["status"] = j.status
	if _, ok := props["experimentName"]; !ok {
		props["experimentName"] = "Default"
	}
	if _, ok := props["isArchived"]; !ok {
		props["isArchived"] = false
	}
	services, _ := props["services"].(map[string]any)
	services = maps.Clone(services)
	if services == nil {
		services = map[string]any{}
	}
	services["Studio"] = map[string]any{"jobServiceType": "Studio", "endpoint": s.studioURL(j.name), "status": "Active"}
	props["services"] = services
	outputs, _ := props["outputs"].(map[string]any)
	outputs = maps.Clone(outputs)
	if outputs == nil {
		outputs = map[string]any{}
	}
	if _, ok := outputs["default"]; !ok {
		outputs["default"] = map[string]any{"jobOutputType": "uri_folder", "mode": "ReadWriteMount",
			"uri": "azureml://datastores/" + defaultDatastore + "/paths/" + outputPrefix(j.name) + "/"}
	}
	props["outputs"] = outputs
	return map[string]any{"id": s.WorkspaceID() + "/jobs/" + j.name, "name": j.name,
		"type": provider + "/workspaces/jobs", "systemData": systemData(j.created, j.created), "properties": props}
}
