package compute

import (
	"context"
	"io"
	"time"

	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
)

// Kind names a type of compute target, spelled as the ARM computeType
// discriminator spells it.
type Kind string

// The kinds of compute target.
const (
	KindLocal             Kind = "local"
	KindAmlCompute        Kind = "AmlCompute"
	KindVirtualMachine    Kind = "VirtualMachine"
	KindHDInsight         Kind = "HDInsight"
	KindBatch             Kind = "Batch"
	KindDatabricks        Kind = "Databricks"
	KindDataLakeAnalytics Kind = "DataLakeAnalytics"
)

// Target is a compute target: a named place where runs go. Handles do no
// I/O; only methods that take a context do.
type Target interface {
	// Name is the target's name in its workspace ("local" for the local machine).
	Name() string
	// Kind is the target's type.
	Kind() Kind
}

// Runner is a Target that runs jobs itself: the local machine, a remote VM
// over SSH, or a mock. Experiment.Submit hands it a Job after recording the
// run; any later process can rebuild the same Job from the run record and
// call Status, Follow, Cancel or CollectOutputs on it (re-attach).
type Runner interface {
	Target
	// Start prepares the job's environment and run folder and starts the
	// script detached from the caller. It returns once the script is
	// running (or has failed to start); it never waits for the script.
	Start(ctx context.Context, job *Job) error
	// Status reports the job's current state.
	Status(ctx context.Context, job *Job) (*JobStatus, error)
	// Follow writes the job's driver log to w from byte offset from, as it
	// is written, until the job has ended and the log is drained, or ctx is
	// done. It returns the offset reached, so a caller can resume with no
	// gap and no duplicate, and the last status seen. Ending ctx stops
	// following, never the job.
	Follow(ctx context.Context, job *Job, from int64, w io.Writer) (next int64, st *JobStatus, err error)
	// Cancel stops the job's script and all its children.
	Cancel(ctx context.Context, job *Job) error
	// CollectOutputs copies the files the script wrote under ./outputs and
	// ./logs into job.RunDir, once the job has ended.
	CollectOutputs(ctx context.Context, job *Job) error
}

// Job is one run as a target sees it.
type Job struct {
	RunID      string
	Experiment string
	// SourceDir is the folder the snapshot was taken of.
	SourceDir string
	// Snapshot lists the files to run with; the target copies or uploads
	// exactly these.
	Snapshot *snapshot.Manifest
	// Config is the run configuration (script, arguments, environment).
	Config *runconfig.RunConfiguration
	// Script and Arguments are what to run, relative to the snapshot root.
	Script    string
	Arguments []string
	// Env is added to the script's environment (run id, experiment,
	// outputs folder, metrics file...), after Config's variables.
	Env map[string]string
	// RunDir is the run's folder in the workspace: logs, outputs and
	// metrics end up here.
	RunDir string
	// UploadProgress, when set, is told how far Start has got sending the
	// snapshot to a target that uploads it (Azure jobs, SSH hosts; the
	// local target copies nothing and never calls it). All calls happen
	// before Start returns, one at a time, possibly from goroutines of
	// Start's own: it must be quick and safe to call from any goroutine.
	// The figures never shrink; the last call, made only when the whole
	// snapshot is in place, has [UploadProgress.Complete] true. When the
	// target already holds the whole snapshot (a workspace with a code
	// version of the same content, a host with every file's content),
	// nothing is uploaded and it is not called at all. It is not part of
	// the run's record: a job rebuilt to re-attach has none.
	UploadProgress func(UploadProgress)
}

// JobState is the state of a job on its target. The values are the
// run statuses of Azure ML.
type JobState string

// The job states.
const (
	JobNotStarted JobState = "NotStarted"
	JobQueued     JobState = "Queued"
	JobPreparing  JobState = "Preparing"
	JobRunning    JobState = "Running"
	JobFinalizing JobState = "Finalizing"
	JobCompleted  JobState = "Completed"
	JobFailed     JobState = "Failed"
	JobCanceled   JobState = "Canceled"
)

// Terminal reports whether s is a final state.
func (s JobState) Terminal() bool {
	return s == JobCompleted || s == JobFailed || s == JobCanceled
}

// JobStatus is a job's state with the facts a target knows about it.
type JobStatus struct {
	State     JobState
	StartTime time.Time
	EndTime   time.Time
	// ExitCode is the script's exit code once it has ended (nil before,
	// or when it was killed by a signal).
	ExitCode *int
	// Error says why a job failed or was canceled.
	Error string
}
