package workspacetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// pollInterval is how often a waiting job looks at its cluster and a
// running one ships its log.
const pollInterval = 50 * time.Millisecond

// setStatus moves a job to status unless a cancel came first (a job in
// CancelRequested only ends).
func (s *Server) setStatus(j *job, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if j.status == statusCancelRequested && !terminal(status) {
		return
	}
	j.status = status
	if status == statusRunning {
		j.started = s.now()
	}
}

// pause waits d, or less when ctx ends; it reports whether ctx is alive.
func pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// runJob walks a job through the service's states and runs its command:
// NotStarted, Queued, (Provisioning while its cluster grows), Preparing
// (code download), Starting, Running, Finalizing (outputs and logs
// upload), then Completed, Failed or Canceled.
func (s *Server) runJob(ctx context.Context, j *job) {
	defer s.runs.Done()
	defer close(j.done)
	dir, err := os.MkdirTemp("", "workspacetest-job-")
	if err != nil {
		s.finishJob(j, &ErrorDetail{Code: "SystemError", Message: "workspacetest: " + err.Error()})
		return
	}
	defer os.RemoveAll(dir)
	delay := s.opts.JobStateDelay
	var jobErr *ErrorDetail
	if pause(ctx, delay) {
		s.setStatus(j, statusQueued)
		if release, ok := s.acquireNodes(ctx, j); ok {
			defer release()
			jobErr = s.prepareAndRun(ctx, j, dir)
		}
	}
	if jobErr == nil && ctx.Err() != nil {
		jobErr = cancelError(ctx, j)
	}
	s.finishJob(j, jobErr)
}

// prepareAndRun downloads the code, runs the command and uploads what it
// left; it returns the job's error (nil: Completed).
func (s *Server) prepareAndRun(ctx context.Context, j *job, dir string) *ErrorDetail {
	code := filepath.Join(dir, "code")
	s.setStatus(j, statusPreparing)
	if err := s.downloadCode(ctx, j.plan.code, code); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return &ErrorDetail{Code: "UserError", Message: "workspacetest: preparing the job: " + err.Error()}
	}
	if !pause(ctx, s.opts.JobStateDelay) {
		return nil
	}
	s.setStatus(j, statusStarting)
	if !pause(ctx, s.opts.JobStateDelay) {
		return nil
	}
	jobErr := s.execJob(ctx, j, code, filepath.Join(dir, "std_log.txt"))
	s.setStatus(j, statusFinalizing)
	// Outputs and logs go up even after a cancel, as the service does.
	upCtx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, sub := range []string{"outputs", "logs"} {
		if err := s.uploadFolder(upCtx, filepath.Join(code, sub), outputPrefix(j.name)+"/"+sub); err != nil && jobErr == nil {
			jobErr = &ErrorDetail{Code: "SystemError", Message: "workspacetest: uploading ./" + sub + ": " + err.Error()}
		}
	}
	pause(context.Background(), s.opts.JobStateDelay)
	return jobErr
}

// cancelError is the error a canceled job ends with.
func cancelError(ctx context.Context, j *job) *ErrorDetail {
	cause := context.Cause(ctx)
	return &ErrorDetail{Code: "UserError", Message: fmt.Sprintf("Job '%s' was canceled: %v.", j.name, cause)}
}

// finishJob records the end: Completed, Failed (with err) or Canceled
// (a cancel or a timeout; err says which). A job being deleted goes away.
func (s *Server) finishJob(j *job, err *ErrorDetail) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j.ended = s.now()
	switch {
	case j.status == statusCancelRequested || (err != nil && err.Code == "JobTimeout"):
		j.status = statusCanceled
	case err != nil:
		j.status = statusFailed
	default:
		j.status = statusCompleted
	}
	j.err = err
	if j.deleting {
		delete(s.jobs, j.name)
	}
}

// acquireNodes waits until the job's compute has instanceCount free nodes
// (a VirtualMachine always has), raising the cluster's demand meanwhile;
// the job shows Provisioning while the cluster is resizing. release gives
// the nodes and the demand back. ok is false when ctx ended first.
func (s *Server) acquireNodes(ctx context.Context, j *job) (release func(), ok bool) {
	c, n := j.plan.compute, j.plan.instances
	if c.cluster == nil {
		return func() {}, true
	}
	cl := c.cluster
	s.mu.Lock()
	cl.jobDemand += n
	s.mu.Unlock()
	giveBack := func(busy int) {
		s.mu.Lock()
		defer s.mu.Unlock()
		cl.jobDemand -= n
		cl.busy -= busy
		cl.advance(s.now(), s.limits(c))
	}
	for {
		s.mu.Lock()
		s.advance(s.now())
		free, resizing := cl.free(), cl.allocState == "Resizing" || !cl.started
		if free >= n {
			cl.busy += n
		}
		s.mu.Unlock()
		if free >= n {
			return func() { giveBack(n) }, true
		}
		if resizing {
			s.setStatus(j, statusProvisioning)
		}
		if !pause(ctx, pollInterval) {
			giveBack(0)
			return nil, false
		}
	}
}
