package compute

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/workspace"
)

// LocalOptions configure the local target. A nil *LocalOptions means the
// defaults.
type LocalOptions struct {
	// CondaCommand is the conda-compatible tool that builds system-managed
	// environments: a path, or a name on PATH. "" means the first of
	// conda, mamba and micromamba on PATH.
	CondaCommand string
	// ContainerCLI is the docker-compatible CLI of docker runs: a path, or
	// a name on PATH. "" means the first of docker and podman on PATH that
	// answers `version` with a working engine (a docker client without a
	// daemon is passed over).
	ContainerCLI string
	// ContainerGlobalArgs go before the CLI's subcommand, in every call
	// (run, rm, version): for podman, e.g. --root DIR --runroot DIR
	// --runtime runc.
	ContainerGlobalArgs []string
	// ContainerRunArgs go after `run`, before the configuration's own
	// docker arguments: e.g. --network none, or
	// --ulimit nofile=1024:1024 where the default limits cannot be set.
	ContainerRunArgs []string
}

// Local is the local machine as a compute target ("local"). It needs no
// create or attach. A job's run folder is job.RunDir/exec: the script runs
// in its wd folder, detached under a supervisor, so it outlives the caller
// and any process can re-attach to it. Conda environments are cached in the
// workspace (<LocalDir>/envs); a workspace with no local folder (Azure)
// uses the default local workspace folder for them.
//
// A Local holds no open resources and is safe for concurrent use.
type Local struct {
	stateDir string
	opts     LocalOptions
	// probe caches the supervisor's host probe across this target's runs.
	probe *runfolder.HostProbe
	// stores opens the workspace store (snapshot objects, environment
	// locks) once for this target's runs.
	stores *storeCache
}

var _ Runner = (*Local)(nil)

// NewLocal returns the local target of ws (nil ws: the default local
// workspace folder). It does no I/O.
func NewLocal(ws *workspace.Workspace, opts *LocalOptions) (*Local, error) {
	l := &Local{probe: &runfolder.HostProbe{}, stores: &storeCache{}}
	if opts != nil {
		l.opts = *opts
		l.opts.ContainerGlobalArgs = slices.Clone(opts.ContainerGlobalArgs)
		l.opts.ContainerRunArgs = slices.Clone(opts.ContainerRunArgs)
	}
	if ws != nil {
		l.stateDir = ws.LocalDir()
	}
	if l.stateDir == "" {
		dir, err := workspace.DefaultLocalDir()
		if err != nil {
			return nil, fmt.Errorf("compute: local target: %w", err)
		}
		l.stateDir = dir
	}
	return l, nil
}

// Name implements [Target]: "local".
func (l *Local) Name() string { return LocalName }

// Kind implements [Target]: [KindLocal].
func (l *Local) Kind() Kind { return KindLocal }

// execDir is the job's run folder.
func execDir(job *Job) string { return filepath.Join(job.RunDir, "exec") }

// checkJob rejects a job the local target cannot start or find.
func checkJob(job *Job, forStart bool) error {
	switch {
	case job == nil:
		return &JobError{Field: "job", Reason: "must not be nil"}
	case job.RunID == "":
		return &JobError{Field: "RunID", Reason: "must not be empty"}
	case job.RunDir == "" || !filepath.IsAbs(job.RunDir):
		return &JobError{Field: "RunDir", Value: job.RunDir, Reason: "must be an absolute path"}
	case !forStart:
		return nil
	case job.Config == nil:
		return &JobError{Field: "Config", Reason: "must not be nil"}
	case job.Snapshot == nil:
		return &JobError{Field: "Snapshot", Reason: "must not be nil"}
	case job.SourceDir == "":
		return &JobError{Field: "SourceDir", Reason: "must not be empty"}
	case job.Script == "":
		return &JobError{Field: "Script", Reason: "must not be empty"}
	}
	if _, ok := job.Snapshot.Lookup(job.Script); !ok {
		return &JobError{Field: "Script", Value: job.Script, Reason: "is not in the snapshot"}
	}
	return nil
}

// JobError reports a Job the target cannot run.
type JobError struct {
	Field  string
	Value  string
	Reason string
}

// Error implements error.
func (e *JobError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("compute: job %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("compute: job %s %q: %s", e.Field, e.Value, e.Reason)
}

// errNotEnded is wrapped by CollectOutputs on a job still running.
var errNotEnded = errors.New("job has not ended")
