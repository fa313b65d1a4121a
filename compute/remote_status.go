package compute

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"path"
	"time"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// status reads the job's status on the host.
func (c *sshCore) status(ctx context.Context, job *Job) (*JobStatus, error) {
	if err := checkRemoteJob(job, false); err != nil {
		return nil, err
	}
	var js *JobStatus
	err := c.withConn(ctx, func(conn remoteConn, home string) error {
		var err error
		js, err = remoteStatus(ctx, conn, runFolder(home, job.RunID))
		return err
	})
	if err != nil {
		return nil, err
	}
	return js, nil
}

// remoteStatus maps the run folder dir's status onto a JobStatus. A run
// folder that does not exist is NotStarted; one without a spec yet is
// Preparing.
func remoteStatus(ctx context.Context, conn remoteConn, dir string) (*JobStatus, error) {
	st, err := runfolder.ReadStatus(ctx, conn, conn.FS(), dir)
	var nrf *runfolder.NotRunFolderError
	if errors.As(err, &nrf) {
		if _, serr := conn.FS().Stat(dir); errors.Is(serr, fs.ErrNotExist) {
			return &JobStatus{State: JobNotStarted}, nil
		}
		return &JobStatus{State: JobPreparing}, nil
	}
	if err != nil {
		return nil, err
	}
	return jobStatus(st, dir), nil
}

// follow streams the driver log, reconnecting after a dropped connection.
func (c *sshCore) follow(ctx context.Context, job *Job, from int64, w io.Writer) (int64, *JobStatus, error) {
	if err := checkRemoteJob(job, false); err != nil {
		return from, nil, err
	}
	fw := &failWriter{w: w}
	next, backoff, connected := from, 100*time.Millisecond, false
	var deadline time.Time
	for {
		var st *JobStatus
		err := c.withConn(ctx, func(conn remoteConn, home string) error {
			connected = true
			dir := runFolder(home, job.RunID)
			n, rst, err := runfolder.Follow(ctx, conn.FS(), dir, next, fw, &runfolder.FollowOptions{Shell: conn})
			next = n
			if err == nil {
				st = jobStatus(rst, dir)
			}
			return err
		})
		if err == nil {
			return next, st, nil
		}
		// Only a first dial that fails is final (the host is unreachable);
		// a connection lost later, even before the log streams, is retried.
		var ce *ConnectError
		if !errors.As(err, &ce) {
			connected = true // the dial worked; the connection broke after it
		}
		if ctx.Err() != nil || fw.err != nil || !connected || !retriable(err) {
			return next, nil, err
		}
		if deadline.IsZero() {
			deadline = time.Now().Add(c.opts.ReconnectFor)
		}
		if time.Now().After(deadline) {
			return next, nil, c.errorf("follow run %q: gave up reconnecting after %s: %w", job.RunID, c.opts.ReconnectFor, err)
		}
		c.opts.Logger.Info("compute: connection lost while following; reconnecting",
			"target", c.name, "run", job.RunID, "offset", next, "error", err.Error())
		if err := sleepCtx(ctx, backoff); err != nil {
			return next, nil, err
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

// retriable reports whether following may resume after err on a new
// connection: not when the run folder is missing or malformed, or when
// credentials are missing.
func retriable(err error) bool {
	var nrf *runfolder.NotRunFolderError
	var fe *runfolder.FormatError
	var ce *CredentialsError
	var se *runfolder.SpecError
	return !errors.As(err, &nrf) && !errors.As(err, &fe) && !errors.As(err, &ce) && !errors.As(err, &se) &&
		!permanentSSH(err)
}

// failWriter remembers the first error of w, so that a failing caller's
// writer is told apart from a failing connection.
type failWriter struct {
	w   io.Writer
	err error
}

// Write implements io.Writer.
func (f *failWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// cancel stops the job on the host.
func (c *sshCore) cancel(ctx context.Context, job *Job) error {
	if err := checkRemoteJob(job, false); err != nil {
		return err
	}
	return c.withConn(ctx, func(conn remoteConn, home string) error {
		dir := runFolder(home, job.RunID)
		err := runfolder.Cancel(ctx, conn, conn.FS(), dir, 0)
		if errors.Is(err, runfolder.ErrFinished) {
			err = nil
		}
		if err != nil {
			return c.errorf("cancel run %q: %w", job.RunID, err)
		}
		data, err := conn.FS().ReadFile(path.Join(dir, containerFile))
		var rec containerRecord
		if err != nil || json.Unmarshal(data, &rec) != nil || rec.Name == "" {
			return nil
		}
		cmd := shQuote(rec.CLI) + " rm -f " + shQuote(rec.Name) + " >/dev/null 2>&1 || true"
		if _, err := conn.Run(ctx, cmd); err != nil {
			return c.errorf("cancel run %q: remove container %s: %w", job.RunID, rec.Name, err)
		}
		return nil
	})
}
