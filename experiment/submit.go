package experiment

import (
	"context"
	"fmt"
	"maps"
	"os"
	"time"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/gitinfo"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
)

// SubmitOptions tunes Submit. A nil *SubmitOptions means defaults.
type SubmitOptions struct {
	// Tags are recorded with the run (the SDK's submit(tags=...)).
	Tags map[string]string
	// Properties are recorded with the run beside the git properties;
	// they win over git's on a clash.
	Properties map[string]string
	// Snapshot tunes the snapshot of the source folder (limits, ignore
	// rules); nil means the snapshot package's defaults.
	Snapshot *snapshot.Options
	// Git tunes git inspection; nil means defaults.
	Git *GitOptions
	// Target, when set, runs the job instead of the workspace's target
	// named by the configuration (whose name it replaces): a custom
	// compute.Runner, or a computetest mock in tests.
	Target compute.Target
	// UploadProgress, when set, is told how far the upload of the
	// snapshot to the target has got, on every target that uploads it:
	// Azure (code assets in the workspace's storage) and SSH hosts (remote
	// VMs, HDInsight). Submit makes every call before it returns, one at a
	// time, from its own goroutines or others it starts; the figures never
	// shrink, and the last call, once the whole snapshot is on the target,
	// has compute.UploadProgress.Complete true. When nothing needs
	// uploading (the local target; a workspace or host that already holds
	// every file) it is never called. See compute.Job.UploadProgress.
	UploadProgress func(compute.UploadProgress)
}

// GitOptions tunes how Submit records the source folder's git state.
// A nil *GitOptions means defaults.
type GitOptions struct {
	// Executable is the git program; "" means "git" from PATH.
	Executable string
	// Getenv reads the AZUREML_GIT_* override variables; nil means
	// os.Getenv.
	Getenv func(string) string
	// MaxDiffBytes bounds the uncommitted diff kept with a dirty run; 0
	// means 1 MiB, a negative value keeps no diff.
	MaxDiffBytes int
}

func (g *GitOptions) internal() *gitinfo.Options {
	if g == nil {
		return nil
	}
	return &gitinfo.Options{Git: g.Executable, Getenv: g.Getenv, MaxDiff: g.MaxDiffBytes}
}

// StartError reports a run that was recorded but that its target failed
// to start. The run is recorded Failed with this error; GetRun(RunID)
// shows it.
type StartError struct {
	RunID  string
	Target string
	Err    error
}

// Error implements error.
func (e *StartError) Error() string {
	return fmt.Sprintf("experiment: run %s failed to start on target %s: %v", e.RunID, e.Target, e.Err)
}

// Unwrap returns the target's error.
func (e *StartError) Unwrap() error { return e.Err }

// Submit runs cfg as a new run of the experiment. In order, it:
//
//  1. validates the configuration, the source folder, the script and the
//     target (which must exist and be able to run jobs); bad input is a
//     *ValidationError (or wraps a runconfig one) and leaves nothing in the
//     workspace;
//  2. takes a snapshot of the source folder and stores its files once as
//     content-addressed objects, with the manifest under its id;
//  3. records the run (status NotStarted, snapshot id, target, tags)
//     atomically;
//  4. hands the job to the target and records it Preparing, with the git
//     properties and diff of the source folder, which were inspected
//     meanwhile (git runs beside steps 2 to 4, off the way to the script).
//
// When the target fails to start the job, the run is recorded Failed and
// a *StartError is returned. When the run started but recording it
// Preparing failed, Submit returns the run and the error. Submit does not
// wait for the run; see [Run.WaitForCompletion].
func (e *Experiment) Submit(ctx context.Context, cfg *runconfig.ScriptRunConfig, opts *SubmitOptions) (*Run, error) {
	var o SubmitOptions
	if opts != nil {
		o = *opts
	}
	if err := checkTags("tags", o.Tags); err != nil {
		return nil, err
	}
	if err := checkTags("properties", o.Properties); err != nil {
		return nil, err
	}
	p, err := validate(ctx, e.ws, cfg, o.Target, e.local)
	if err != nil {
		return nil, err
	}
	// Git inspection (processes) runs while the snapshot is taken and the
	// run is started; its properties join the record once the script is
	// on its way.
	gctx, stopGit := context.WithCancel(ctx)
	defer stopGit()
	gitc := make(chan *gitinfo.Info, 1)
	go func() { gitc <- gitinfo.Inspect(gctx, p.sourceDir, o.Git.internal()) }()
	man, err := takeSnapshot(ctx, p, o.Snapshot)
	var h *home
	if err == nil {
		h, err = e.homes.get(ctx, e.ws)
	}
	if err != nil {
		stopGit()
		<-gitc
		return nil, err
	}
	return e.start(ctx, h, p, man, newRecord(e.name, p, man, &o), func() *gitinfo.Info { return <-gitc }, &o)
}

// newRecord builds the NotStarted record of a validated submission (git
// properties come later, see withGit).
func newRecord(exp string, p *plan, man *snapshot.Manifest, o *SubmitOptions) *runRecord {
	now := time.Now().UTC()
	props := map[string]string{"ContentSnapshotId": man.ID()}
	maps.Copy(props, o.Properties)
	return &runRecord{
		ID: newRunID(exp, now), Experiment: exp, Target: p.cfg.Target,
		Status: StatusNotStarted, Submitted: now, SnapshotID: man.ID(),
		SourceDir: p.sourceDir, Script: p.script, Arguments: p.cfg.Arguments,
		Properties: props, Tags: maps.Clone(o.Tags),
	}
}

// start stores the snapshot, records the run, and starts it on its target.
// Only then does it wait for git (awaitGit) and record what git said, with
// the run's Preparing status: git's processes stay off the way from Submit
// to the script, and the run is recorded before anything starts.
func (e *Experiment) start(ctx context.Context, h *home, p *plan, man *snapshot.Manifest, rec *runRecord,
	awaitGit func() *gitinfo.Info, o *SubmitOptions) (*Run, error) {
	if err := storeSnapshot(ctx, h, p.sourceDir, man); err != nil {
		return nil, err
	}
	run := &Run{h: h, id: rec.ID, exp: rec.Experiment, runner: p.runner}
	rec.Env = run.scriptEnv(p.runner)
	run.job = jobFor(h, rec, man, p.cfg)
	if err := createRecord(ctx, h.st, rec); err != nil {
		return nil, err
	}
	_ = appendIndex(h.indexPath(rec.Experiment), indexLine{ID: rec.ID, Status: rec.Status, Nanos: rec.Submitted.UnixNano()})
	err := os.MkdirAll(run.job.RunDir, 0o755)
	if err == nil {
		// The callback is the submitter's, for this start only: the run
		// keeps a job without it.
		job := *run.job
		job.UploadProgress = o.UploadProgress
		err = p.runner.Start(ctx, &job)
	}
	addGit, gerr := gitUpdate(ctx, h, awaitGit(), o.Properties)
	if err != nil {
		serr := &StartError{RunID: rec.ID, Target: rec.Target, Err: err}
		// Record the failure (and git) even if ctx is what failed the start.
		octx := context.WithoutCancel(ctx)
		if addGit != nil {
			_, _ = updateRecord(octx, h.st, rec.ID, liveWrite, func(r *runRecord) bool { return addGit(r) })
		}
		_, _ = run.setFinal(octx, &compute.JobStatus{State: compute.JobFailed, Error: serr.Error()})
		return nil, serr
	}
	cur, err := run.advance(ctx, StatusPreparing, time.Now().UTC(), addGit)
	if err != nil {
		return run, err
	}
	if err := pushMetadata(ctx, run, cur); err != nil {
		return run, err
	}
	return run, gerr
}

// gitUpdate stores a dirty tree's diff and returns what adds git's
// properties and the diff to a record (nil when git said nothing). The
// submitter's own properties win over git's on a clash. A record that is
// already final is left alone.
func gitUpdate(ctx context.Context, h *home, git *gitinfo.Info, userProps map[string]string) (func(*runRecord) bool, error) {
	if git == nil {
		return nil, nil
	}
	diff, err := storeGitDiff(ctx, h, git.Diff)
	if err != nil {
		return nil, err
	}
	props := git.Properties()
	return func(r *runRecord) bool {
		if r.Finalized {
			return false
		}
		if r.Properties == nil {
			r.Properties = map[string]string{}
		}
		for k, v := range props {
			if _, mine := userProps[k]; !mine {
				r.Properties[k] = v
			}
		}
		r.GitDiff = diff
		return true
	}, nil
}
