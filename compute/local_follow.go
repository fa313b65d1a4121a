package compute

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// Follow implements [Runner]: it streams the run folder's driver log
// (which starts with the local target's own "azureml-go:" lines about the
// environment) from byte offset from.
func (l *Local) Follow(ctx context.Context, job *Job, from int64, w io.Writer) (int64, *JobStatus, error) {
	if err := checkJob(job, false); err != nil {
		return from, nil, err
	}
	dir := execDir(job)
	next, st, err := runfolder.Follow(ctx, runfolder.LocalFS{}, dir, from, w, nil)
	if err != nil {
		return next, nil, fmt.Errorf("compute: local target: %w", err)
	}
	return next, jobStatus(st, dir), nil
}

// Cancel implements [Runner]: it stops the script's whole process group
// and, for a docker run, removes the container (a podman container would
// otherwise outlive its client). Canceling a job that has already ended is
// not an error.
func (l *Local) Cancel(ctx context.Context, job *Job) error {
	if err := checkJob(job, false); err != nil {
		return err
	}
	dir := execDir(job)
	err := runfolder.Cancel(ctx, runfolder.LocalShell{}, runfolder.LocalFS{}, dir, 0)
	if errors.Is(err, runfolder.ErrFinished) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("compute: local target: cancel %q: %w", job.RunID, err)
	}
	var rec containerRecord
	if readJSON(filepath.Join(dir, containerFile), &rec) == nil {
		return removeContainer(ctx, rec.CLI, rec.GlobalArgs, rec.Name)
	}
	return nil
}
