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
//  3. records the run (status NotStarted, snapshot id, target, git
//     properties, tags) atomically;
//  4. hands the job to the target and records it Preparing.
//
// When the target fails to start the job, the run is recorded Failed and
// a *StartError is returned. Submit does not wait for the run; see
// [Run.WaitForCompletion].
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
	// Git inspection (processes) runs while the snapshot is taken.
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
	git := <-gitc
	var diff []byte
	if git != nil {
		diff = git.Diff
	}
	return e.start(ctx, h, p, man, newRecord(e.name, p, man, git, &o), diff)
}

// newRecord builds the NotStarted record of a validated submission.
func newRecord(exp string, p *plan, man *snapshot.Manifest, git *gitinfo.Info, o *SubmitOptions) *runRecord {
	now := time.Now().UTC()
	props := map[string]string{"ContentSnapshotId": man.ID()}
	if git != nil {
		maps.Copy(props, git.Properties())
	}
	maps.Copy(props, o.Properties)
	return &runRecord{
		ID: newRunID(exp, now), Experiment: exp, Target: p.cfg.Target,
		Status: StatusNotStarted, Submitted: now, SnapshotID: man.ID(),
		SourceDir: p.sourceDir, Script: p.script, Arguments: p.cfg.Arguments,
		Properties: props, Tags: maps.Clone(o.Tags),
	}
}

// start stores the snapshot, records the run, and starts it on its target.
func (e *Experiment) start(ctx context.Context, h *home, p *plan, man *snapshot.Manifest, rec *runRecord, diff []byte) (*Run, error) {
	if err := storeSnapshot(ctx, h, p.sourceDir, man); err != nil {
		return nil, err
	}
	run := &Run{h: h, id: rec.ID, exp: rec.Experiment, runner: p.runner}
	rec.Env = run.scriptEnv(p.runner)
	run.job = jobFor(h, rec, man, p.cfg)
	if err := storeGitDiff(ctx, h, rec, diff); err != nil {
		return nil, err
	}
	if err := createRecord(ctx, h.st, rec); err != nil {
		return nil, err
	}
	_ = appendIndex(h.indexPath(rec.Experiment), indexLine{ID: rec.ID, Status: rec.Status, Nanos: rec.Submitted.UnixNano()})
	err := os.MkdirAll(run.job.RunDir, 0o755)
	if err == nil {
		err = p.runner.Start(ctx, run.job)
	}
	if err != nil {
		serr := &StartError{RunID: rec.ID, Target: rec.Target, Err: err}
		// Record the failure even if ctx is what failed the start.
		_, _ = run.setFinal(context.WithoutCancel(ctx), &compute.JobStatus{State: compute.JobFailed, Error: serr.Error()})
		return nil, serr
	}
	_, err = run.advance(ctx, StatusPreparing, time.Now().UTC())
	return run, err
}
