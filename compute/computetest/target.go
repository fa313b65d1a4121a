package computetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/azureml-go/azureml/compute"
)

var _ compute.Runner = (*Target)(nil)

// Target is a mock [compute.Runner] for unit tests of code that submits
// runs: it runs nothing, plays back its [Behavior] for each job, and
// records what it was given. It is safe for concurrent use.
type Target struct {
	name     string
	kind     compute.Kind
	behavior *Behavior

	mu        sync.Mutex
	jobs      map[string]*jobRun
	submitted []Submission
	canceled  []string
}

// Submission is a job as Start received it, deep-copied so later changes
// by the caller do not show.
type Submission struct {
	Job  compute.Job
	Time time.Time
}

// jobRun is the progress of one started job.
type jobRun struct {
	step          int
	start, end    time.Time
	canceled      bool
	collectedInto string
}

// NewTarget returns a mock target called name, of kind [compute.KindLocal],
// that plays b for every job. With a nil b, every method returns an error
// saying that nothing was scripted.
func NewTarget(name string, b *Behavior) *Target {
	return &Target{name: name, kind: compute.KindLocal, behavior: b, jobs: map[string]*jobRun{}}
}

// WithKind sets the kind the target reports (for capability checks) and
// returns t. Call it before using t.
func (t *Target) WithKind(k compute.Kind) *Target {
	t.kind = k
	return t
}

// Name implements [compute.Target].
func (t *Target) Name() string { return t.name }

// Kind implements [compute.Target].
func (t *Target) Kind() compute.Kind { return t.kind }

// Submitted returns every job given to Start, in order, failed starts included.
func (t *Target) Submitted() []Submission {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.submitted)
}

// Canceled returns the run ids Cancel was called for, in order.
func (t *Target) Canceled() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.canceled)
}

// Start implements [compute.Runner]: it records job and, unless the
// behavior fails to start, makes it the first scripted state.
func (t *Target) Start(ctx context.Context, job *compute.Job) error {
	if err := t.check(job); err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.submitted = append(t.submitted, Submission{Job: copyJob(job), Time: time.Now()})
	if t.behavior.startErr != nil {
		return t.behavior.startErr
	}
	if _, dup := t.jobs[job.RunID]; dup {
		return fmt.Errorf("computetest: run %q was already started on target %q", job.RunID, t.name)
	}
	t.jobs[job.RunID] = &jobRun{start: time.Now()}
	return ctx.Err()
}

// Status implements [compute.Runner]: it reports the job's current state,
// then advances it one step.
func (t *Target) Status(ctx context.Context, job *compute.Job) (*compute.JobStatus, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	r, err := t.run(job)
	if err != nil {
		return nil, err
	}
	st := t.status(r)
	t.advance(r)
	return st, nil
}

// Cancel implements [compute.Runner]: a job not yet ended ends Canceled.
func (t *Target) Cancel(ctx context.Context, job *compute.Job) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	r, err := t.run(job)
	if err != nil {
		return err
	}
	t.canceled = append(t.canceled, job.RunID)
	if !t.state(r).Terminal() {
		r.canceled, r.end = true, time.Now()
	}
	return nil
}

// CollectOutputs implements [compute.Runner]: once the job has ended, it
// writes the scripted outputs into job.RunDir.
func (t *Target) CollectOutputs(ctx context.Context, job *compute.Job) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t.mu.Lock()
	r, err := t.run(job)
	if err == nil && !t.state(r).Terminal() {
		err = fmt.Errorf("computetest: run %q has not ended (state %s)", job.RunID, t.state(r))
	}
	t.mu.Unlock()
	if err != nil {
		return err
	}
	for _, p := range slices.Sorted(maps.Keys(t.behavior.outputs)) {
		if err := writeOutput(job.RunDir, p, t.behavior.outputs[p]); err != nil {
			return err
		}
	}
	return nil
}

// writeOutput writes content to rel under dir, refusing paths that leave it.
func writeOutput(dir, rel, content string) error {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return fmt.Errorf("computetest: output path %q leaves the run folder", rel)
	}
	dst := filepath.Join(dir, clean)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("computetest: %w", err)
	}
	if err := os.WriteFile(dst, []byte(content), 0o644); err != nil {
		return fmt.Errorf("computetest: %w", err)
	}
	return nil
}

// check rejects a nil job, and any use of a target with no behavior.
func (t *Target) check(job *compute.Job) error {
	if t.behavior == nil {
		return ErrNotScripted
	}
	if job == nil || job.RunID == "" {
		return errors.New("computetest: job with a run id required")
	}
	return nil
}

// run returns the progress of a started job. The caller holds t.mu.
func (t *Target) run(job *compute.Job) (*jobRun, error) {
	if err := t.check(job); err != nil {
		return nil, err
	}
	r, ok := t.jobs[job.RunID]
	if !ok {
		return nil, fmt.Errorf("computetest: run %q was never started on target %q", job.RunID, t.name)
	}
	return r, nil
}

// ErrNotScripted is returned by every method of a [Target] made with a nil
// [Behavior].
var ErrNotScripted = errors.New("computetest: target has no behavior scripted " +
	"(pass computetest.Succeeds(), Fails(err), FailsToStart(err) or States(...) to NewTarget)")
