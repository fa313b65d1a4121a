package compute

import (
	"context"
	"io"
	"math"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/azureml-go/azureml/internal/arm"
)

// UserLogName is the run history log file Follow streams: the script's
// standard output and error.
const UserLogName = "user_logs/std_log.txt"

// jobState maps the service's job status onto a JobState: the states
// before the job runs to Queued or Preparing, CancelRequested to
// Finalizing (it is winding down), NotResponding to Failed and Paused to
// Canceled (azure-ai-ml stops following at both).
func jobState(s arm.JobStatus) JobState {
	switch s {
	case arm.JobStatusQueued:
		return JobQueued
	case arm.JobStatusStarting, arm.JobStatusProvisioning, arm.JobStatusPreparing:
		return JobPreparing
	case arm.JobStatusRunning:
		return JobRunning
	case arm.JobStatusFinalizing, arm.JobStatusCancelRequested:
		return JobFinalizing
	case arm.JobStatusCompleted:
		return JobCompleted
	case arm.JobStatusFailed, arm.JobStatusNotResponding:
		return JobFailed
	case arm.JobStatusCanceled, arm.JobStatusPaused:
		return JobCanceled
	}
	return JobNotStarted
}

// Status reads the job (the source of truth) and, once it has started,
// its run history details for the start and end times and the error. When
// the job has ended, the run-based cluster it created is deleted first; a
// failure to delete it is added to the status's Error.
func (r *AzureRunner) Status(ctx context.Context, job *Job) (*JobStatus, error) {
	conn, rh, err := r.runHistory(ctx)
	if err != nil {
		return nil, err
	}
	j, err := conn.c.GetJob(ctx, conn.id, job.RunID)
	if err != nil {
		return nil, azureError(r.ws, "read the job", job.RunID, err)
	}
	st := &JobStatus{State: jobState(j.Properties.Status)}
	if st.State == JobNotStarted || st.State == JobQueued {
		return st, nil
	}
	d, err := rh.GetRunDetails(ctx, job.RunID)
	if err != nil {
		return nil, azureError(r.ws, "read the run details", job.RunID, err)
	}
	if d.StartTimeUTC != nil {
		st.StartTime = d.StartTimeUTC.Time
	}
	if st.State.Terminal() {
		if d.EndTimeUTC != nil {
			st.EndTime = d.EndTimeUTC.Time
		}
		st.Error = d.Error.Message()
		if err := r.cleanup(ctx, j); err != nil {
			st.Error = joinErrors(st.Error, err.Error())
		}
	}
	return st, nil
}

func joinErrors(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// Follow writes the user log (run history's user_logs/std_log.txt) to w
// from byte offset from, reading what was added since the last read with
// a ranged GET, until the job has ended and the log is drained. The pause
// between two reads grows with the time spent following, as azure-ai-ml's
// does: max(PollMin, PollMax / (1 + 100·e^(−t/20s))). Ending ctx stops
// following, not the job.
func (r *AzureRunner) Follow(ctx context.Context, job *Job, from int64, w io.Writer) (int64, *JobStatus, error) {
	_, rh, err := r.runHistory(ctx)
	if err != nil {
		return from, nil, err
	}
	begin := time.Now()
	for {
		d, err := rh.GetRunDetails(ctx, job.RunID)
		if err != nil {
			return from, nil, azureError(r.ws, "read the run details", job.RunID, err)
		}
		if u := d.LogFiles[UserLogName]; u != "" {
			n, err := rh.ReadLog(ctx, u, from, w)
			from += n
			if err != nil {
				return from, nil, err
			}
		}
		if d.Status.Terminal() {
			st, err := r.Status(ctx, job)
			return from, st, err
		}
		if err := sleepCtx(ctx, r.pollInterval(time.Since(begin))); err != nil {
			return from, nil, err
		}
	}
}

// pollInterval is the pause before the next log read, t into following.
func (r *AzureRunner) pollInterval(t time.Duration) time.Duration {
	d := time.Duration(float64(r.opts.PollMax) / (1 + 100*math.Exp(-t.Seconds()/20)))
	return max(r.opts.PollMin, min(d, r.opts.PollMax))
}

// Cancel asks the service to cancel the job and waits until the job has
// ended, following the operation's Location as Retry-After says.
func (r *AzureRunner) Cancel(ctx context.Context, job *Job) error {
	conn, err := r.connection()
	if err != nil {
		return err
	}
	p, err := conn.c.BeginCancelJob(ctx, conn.id, job.RunID, nil)
	if err != nil {
		return azureError(r.ws, "cancel the job", job.RunID, err)
	}
	if _, err := p.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: max(r.opts.PollMin, time.Second)}); err != nil {
		return azureError(r.ws, "cancel the job", job.RunID, err)
	}
	return nil
}
