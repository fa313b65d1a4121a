package experiment

import (
	"context"
	"fmt"
	"time"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// Run is one submitted run. Get one from [Experiment.Submit], or re-attach
// to any recorded run, from any process, with [GetRun]. Its methods read
// the run's record and, while the run is not final, ask its target, so the
// final status, end time and outputs are recorded by whichever process
// looks first, even when the submitting process has died. A Run is safe
// for concurrent use.
type Run struct {
	h      *home
	id     string
	exp    string
	runner compute.Runner
	job    *compute.Job
}

// GetRunOptions tunes GetRun. A nil *GetRunOptions means defaults.
type GetRunOptions struct {
	// Target, when set, is used as the run's target instead of the
	// workspace's target of the recorded name (see SubmitOptions.Target).
	Target compute.Runner
}

// GetRun re-attaches to the recorded run id of workspace ws: it loads the
// run's record and snapshot and resolves its target. An unknown id is an
// error matching ErrRunNotFound; a malformed one is a *ValidationError.
func GetRun(ctx context.Context, ws *workspace.Workspace, id string, opts *GetRunOptions) (*Run, error) {
	if _, _, err := ParseRunID(id); err != nil {
		return nil, err
	}
	h, err := openHome(ctx, ws)
	if err != nil {
		return nil, err
	}
	rec, err := readRecord(ctx, h.st, id)
	if err != nil {
		return nil, err
	}
	runner, err := runnerOf(ctx, ws, rec, opts)
	if err != nil {
		return nil, err
	}
	man, err := readSnapshot(ctx, h, rec.SnapshotID)
	if err != nil {
		return nil, err
	}
	cfg := runconfig.New()
	cfg.Target, cfg.Script, cfg.Arguments = rec.Target, rec.Script, rec.Arguments
	return &Run{h: h, id: id, exp: rec.Experiment, runner: runner, job: jobFor(h, rec, man, cfg)}, nil
}

// ID returns the run id, <experiment>_<unix seconds>_<8 hex>.
func (r *Run) ID() string { return r.id }

// Experiment returns the name of the run's experiment.
func (r *Run) Experiment() string { return r.exp }

// Dir returns the run folder in the workspace: logs/, outputs/ and the
// metrics file end up here.
func (r *Run) Dir() string { return r.job.RunDir }

// Status returns the run's current status, recording what the target
// reports when it has changed.
func (r *Run) Status(ctx context.Context) (Status, error) {
	rec, err := r.refresh(ctx)
	if err != nil {
		return "", err
	}
	return rec.Status, nil
}

// refresh reconciles the record with the target and returns it. A
// finalized record is returned as is, without asking the target.
func (r *Run) refresh(ctx context.Context) (*runRecord, error) {
	rec, err := readRecord(ctx, r.h.st, r.id)
	if err != nil || rec.Finalized {
		return rec, err
	}
	js, err := r.runner.Status(ctx, r.job)
	if err != nil && rec.Status == StatusNotStarted && ctx.Err() == nil {
		return rec, nil // its submitter died before the target had it
	}
	if err != nil {
		return nil, fmt.Errorf("experiment: run %s: status from target %s: %w", r.id, rec.Target, err)
	}
	return r.record(ctx, rec, js)
}

// record writes a target status into the record when it says more than
// the record does.
func (r *Run) record(ctx context.Context, rec *runRecord, js *compute.JobStatus) (*runRecord, error) {
	if js.State.Terminal() {
		return r.setFinal(ctx, js)
	}
	if Status(js.State) == rec.Status || js.State == compute.JobNotStarted {
		return rec, nil
	}
	return r.advance(ctx, Status(js.State), js.StartTime, nil)
}

// advance records a non-final status (and the start time when known),
// unless the record is already final; also, when not nil, applies to the
// record (in the same write) and reports whether it changed it.
func (r *Run) advance(ctx context.Context, s Status, start time.Time, also func(*runRecord) bool) (*runRecord, error) {
	changed := false
	rec, err := updateRecord(ctx, r.h.st, r.id, liveWrite, func(rec *runRecord) bool {
		write := also != nil && also(rec)
		if rec.Status.Terminal() || rec.Status == s {
			return write
		}
		rec.Status, changed = s, true
		if rec.Start.IsZero() && !start.IsZero() {
			rec.Start = start.UTC()
		}
		return true
	})
	if err == nil && changed {
		_ = appendIndex(r.h.indexPath(r.exp), indexLine{ID: r.id, Status: s})
	}
	return rec, err
}

// runnerOf returns the target of a recorded run.
func runnerOf(ctx context.Context, ws *workspace.Workspace, rec *runRecord, opts *GetRunOptions) (compute.Runner, error) {
	if opts != nil && opts.Target != nil {
		return opts.Target, nil
	}
	if r, ok, err := azureRunnerFor(ctx, ws, rec.Target, nil, nil); ok {
		return r, err
	}
	t, err := compute.Get(ctx, ws, rec.Target)
	if err != nil {
		return nil, fmt.Errorf("experiment: run %s: its target: %w", rec.ID, err)
	}
	runner, ok := t.(compute.Runner)
	if !ok {
		return nil, fmt.Errorf("experiment: run %s: target %s (%s) cannot run jobs", rec.ID, rec.Target, t.Kind())
	}
	return runner, nil
}
