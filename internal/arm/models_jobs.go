package arm

import "encoding/json"

// JobType is the jobType discriminator of a job.
type JobType string

// JobTypeCommand is the only job type this client creates.
const JobTypeCommand JobType = "Command"

// JobStatus is a job's status (the spec's enum).
type JobStatus string

// Job statuses.
const (
	JobStatusNotStarted      JobStatus = "NotStarted"
	JobStatusStarting        JobStatus = "Starting"
	JobStatusProvisioning    JobStatus = "Provisioning"
	JobStatusPreparing       JobStatus = "Preparing"
	JobStatusQueued          JobStatus = "Queued"
	JobStatusRunning         JobStatus = "Running"
	JobStatusFinalizing      JobStatus = "Finalizing"
	JobStatusCancelRequested JobStatus = "CancelRequested"
	JobStatusCompleted       JobStatus = "Completed"
	JobStatusFailed          JobStatus = "Failed"
	JobStatusCanceled        JobStatus = "Canceled"
	JobStatusNotResponding   JobStatus = "NotResponding"
	JobStatusPaused          JobStatus = "Paused"
	JobStatusUnknown         JobStatus = "Unknown"
)

// Terminal reports whether the job will not change status any more
// (Completed, Failed, Canceled, NotResponding or Paused, as azure-ai-ml
// decides when to stop streaming).
func (s JobStatus) Terminal() bool {
	switch s {
	case JobStatusCompleted, JobStatusFailed, JobStatusCanceled, JobStatusNotResponding, JobStatusPaused:
		return true
	}
	return false
}

// Job is a Microsoft.MachineLearningServices/workspaces/jobs resource.
type Job struct {
	ID         string         `json:"id,omitempty"`
	Name       string         `json:"name,omitempty"`
	Type       string         `json:"type,omitempty"`
	Properties *JobProperties `json:"properties,omitempty"`
}

// JobProperties are the properties of a command job (jobType Command);
// the base fields every job type shares are read for other types too.
type JobProperties struct {
	JobType        JobType           `json:"jobType"`
	DisplayName    string            `json:"displayName,omitempty"`
	Description    string            `json:"description,omitempty"`
	Tags           map[string]string `json:"tags,omitempty"`
	Properties     map[string]string `json:"properties,omitempty"`
	ExperimentName string            `json:"experimentName,omitempty"`
	ComputeID      string            `json:"computeId,omitempty"`

	// Command job.
	Command              string                    `json:"command,omitempty"`
	CodeID               string                    `json:"codeId,omitempty"`
	EnvironmentID        string                    `json:"environmentId,omitempty"`
	EnvironmentVariables map[string]string         `json:"environmentVariables,omitempty"`
	Distribution         *Distribution             `json:"distribution,omitempty"`
	Limits               *CommandJobLimits         `json:"limits,omitempty"`
	Resources            *JobResourceConfiguration `json:"resources,omitempty"`

	// Read-only.
	Status   JobStatus             `json:"status,omitempty"`
	Services map[string]JobService `json:"services,omitempty"`
	// Outputs are kept raw: the client reads only the default output.
	Outputs map[string]json.RawMessage `json:"outputs,omitempty"`
}

// StudioURL returns the job's page in Azure ML studio
// (services["Studio"].endpoint), or "".
func (p *JobProperties) StudioURL() string {
	if p == nil {
		return ""
	}
	return p.Services["Studio"].Endpoint
}

// DistributionType is the distributionType discriminator.
type DistributionType string

// Distribution types.
const (
	DistributionMpi        DistributionType = "Mpi"
	DistributionPyTorch    DistributionType = "PyTorch"
	DistributionTensorFlow DistributionType = "TensorFlow"
)

// Distribution is how a job's processes are laid out: Mpi and PyTorch
// use ProcessCountPerInstance, TensorFlow WorkerCount and
// ParameterServerCount.
type Distribution struct {
	DistributionType        DistributionType `json:"distributionType"`
	ProcessCountPerInstance int32            `json:"processCountPerInstance,omitempty"`
	WorkerCount             int32            `json:"workerCount,omitempty"`
	ParameterServerCount    int32            `json:"parameterServerCount,omitempty"`
}

// CommandJobLimits bound a command job; Timeout is an ISO-8601 duration
// ("PT2H").
type CommandJobLimits struct {
	JobLimitsType string `json:"jobLimitsType"`
	Timeout       string `json:"timeout,omitempty"`
}

// JobResourceConfiguration is the compute a job asks for.
type JobResourceConfiguration struct {
	InstanceCount int32  `json:"instanceCount,omitempty"`
	InstanceType  string `json:"instanceType,omitempty"`
	ShmSize       string `json:"shmSize,omitempty"`
}

// JobService is an endpoint of a job (Studio, Tracking...).
type JobService struct {
	JobServiceType string `json:"jobServiceType,omitempty"`
	Endpoint       string `json:"endpoint,omitempty"`
	Status         string `json:"status,omitempty"`
	ErrorMessage   string `json:"errorMessage,omitempty"`
}

// JobList is one page of Jobs_List.
type JobList struct {
	Value    []Job  `json:"value"`
	NextLink string `json:"nextLink,omitempty"`
}

func (p *JobList) nextLink() string {
	if p == nil {
		return ""
	}
	return p.NextLink
}

// RunDetails is a run's details in run history (runs/{id}/details).
type RunDetails struct {
	RunID        string    `json:"runId,omitempty"`
	Status       JobStatus `json:"status,omitempty"`
	StartTimeUTC *DateTime `json:"startTimeUtc,omitempty"`
	EndTimeUTC   *DateTime `json:"endTimeUtc,omitempty"`
	Warnings     []RunNote `json:"warnings,omitempty"`
	Error        *RunError `json:"error,omitempty"`
	// LogFiles maps a log's name ("user_logs/std_log.txt") to its read SAS URL.
	LogFiles map[string]SASURL `json:"logFiles,omitempty"`
}

// RunNote is a warning of a run.
type RunNote struct {
	Source  string `json:"source,omitempty"`
	Message string `json:"message,omitempty"`
}

// RunError is a run's error envelope: {"error": {"code", "message"}}.
type RunError struct {
	Error *ErrorDetail `json:"error,omitempty"`
}

// Message returns the error's code and message ("code: message"), or "".
func (e *RunError) Message() string {
	if e == nil || e.Error == nil {
		return ""
	}
	if e.Error.Code == "" {
		return e.Error.Message
	}
	return e.Error.Code + ": " + e.Error.Message
}
