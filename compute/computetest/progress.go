package computetest

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/azureml-go/azureml/compute"
)

// Follow implements [compute.Runner]: it writes the driver log from byte
// offset from, advancing the job a step at a time (waiting the behavior's
// step delay between steps) until it has ended and its log is written.
func (t *Target) Follow(ctx context.Context, job *compute.Job, from int64, w io.Writer) (int64, *compute.JobStatus, error) {
	for {
		if err := ctx.Err(); err != nil {
			return from, nil, err
		}
		t.mu.Lock()
		r, err := t.run(job)
		if err != nil {
			t.mu.Unlock()
			return from, nil, err
		}
		text, st := t.logText(r), t.status(r)
		t.mu.Unlock()
		if from < int64(len(text)) {
			n, err := io.WriteString(w, text[from:])
			from += int64(n)
			if err != nil {
				return from, st, err
			}
		}
		if st.State.Terminal() {
			return from, st, nil
		}
		if err := sleep(ctx, t.behavior.step); err != nil {
			return from, st, err
		}
		t.mu.Lock()
		t.advance(r)
		t.mu.Unlock()
	}
}

// state is the job's current state. The caller holds t.mu.
func (t *Target) state(r *jobRun) compute.JobState {
	states := t.behavior.states
	switch {
	case r.canceled:
		return compute.JobCanceled
	case len(states) == 0:
		return compute.JobNotStarted
	}
	i := min(r.step, len(states)-1)
	if states[i].Terminal() && t.released(r) < len(t.behavior.logs) {
		// Hold the end back until the whole log is out.
		if i > 0 && !states[i-1].Terminal() {
			return states[i-1]
		}
		return compute.JobRunning
	}
	return states[i]
}

// released is how many log lines the job has written so far.
func (t *Target) released(r *jobRun) int {
	return min(r.step+1, len(t.behavior.logs))
}

// logText is the driver log so far, one line per scripted line.
func (t *Target) logText(r *jobRun) string {
	lines := t.behavior.logs[:t.released(r)]
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// status builds the job's status. The caller holds t.mu.
func (t *Target) status(r *jobRun) *compute.JobStatus {
	st := &compute.JobStatus{State: t.state(r), StartTime: r.start}
	if !st.State.Terminal() {
		return st
	}
	if r.end.IsZero() {
		r.end = time.Now()
	}
	st.EndTime = r.end
	switch {
	case r.canceled:
		st.Error = "canceled"
	case st.State == compute.JobFailed || st.State == compute.JobCanceled:
		st.Error = t.behavior.message
	}
	if !r.canceled && t.behavior.exitCode != nil {
		st.ExitCode = intPtr(*t.behavior.exitCode)
	}
	return st
}

// advance moves the job one step on, unless it has ended.
func (t *Target) advance(r *jobRun) {
	if !t.state(r).Terminal() {
		r.step++
	}
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
