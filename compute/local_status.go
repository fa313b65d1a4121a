package compute

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// Status implements [Runner]. A job whose run folder does not exist yet
// is NotStarted; one whose environment is still being prepared is
// Preparing.
func (l *Local) Status(ctx context.Context, job *Job) (*JobStatus, error) {
	if err := checkJob(job, false); err != nil {
		return nil, err
	}
	dir := execDir(job)
	st, err := runfolder.ReadStatus(ctx, runfolder.LocalShell{}, runfolder.LocalFS{}, dir)
	var nrf *runfolder.NotRunFolderError
	if errors.As(err, &nrf) {
		if _, serr := os.Stat(dir); serr != nil {
			return &JobStatus{State: JobNotStarted}, nil
		}
		return &JobStatus{State: JobPreparing}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("compute: local target: %w", err)
	}
	return jobStatus(st, dir), nil
}

// jobStatus maps a run folder's status onto a JobStatus.
func jobStatus(st *runfolder.Status, dir string) *JobStatus {
	js := &JobStatus{StartTime: st.StartTime, EndTime: st.EndTime}
	switch st.State {
	case runfolder.StateNotStarted:
		js.State = JobPreparing
	case runfolder.StateRunning, runfolder.StateCancelRequested:
		js.State = JobRunning
	default:
		js.State = JobState(st.State)
	}
	if st.Final() && st.ExitCode >= 0 {
		code := st.ExitCode
		js.ExitCode = &code
	}
	if err := st.Err(dir); err != nil {
		js.Error = err.Error()
	}
	return js
}

// CollectOutputs implements [Runner]: once the job has ended, it copies
// the run folder's wd/outputs and wd/logs into job.RunDir/outputs and
// job.RunDir/logs, and the driver log into job.RunDir/azureml-logs.
func (l *Local) CollectOutputs(ctx context.Context, job *Job) error {
	st, err := l.Status(ctx, job)
	if err != nil {
		return err
	}
	if !st.State.Terminal() {
		return fmt.Errorf("compute: collect outputs of run %q (state %s): %w", job.RunID, st.State, errNotEnded)
	}
	dir := execDir(job)
	for _, sub := range []string{"outputs", "logs"} {
		src := filepath.Join(dir, runfolder.WorkDir, sub)
		if err := copyTree(ctx, src, filepath.Join(job.RunDir, sub)); err != nil {
			return err
		}
	}
	logSrc := filepath.Join(dir, filepath.FromSlash(runfolder.DriverLog))
	return copyFile(logSrc, filepath.Join(job.RunDir, filepath.FromSlash(runfolder.DriverLog)), 0o644)
}

// copyTree copies the regular files and folders under src into dst
// (symbolic links are not followed; they are copied as links). A missing
// src copies nothing.
func copyTree(ctx context.Context, src, dst string) error {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			_ = os.Remove(target)
			return os.Symlink(link, target)
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			return copyFile(p, target, info.Mode().Perm())
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("compute: collect outputs: %w", err)
	}
	return nil
}

// copyFile streams the file src to dst (creating dst's folder). A missing
// src copies nothing.
func copyFile(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("compute: collect outputs: %w", err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("compute: collect outputs: %w", err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return fmt.Errorf("compute: collect outputs: %w", err)
	}
	_, err = io.Copy(out, in)
	if err = errors.Join(err, out.Close()); err != nil {
		return fmt.Errorf("compute: collect outputs: %w", err)
	}
	return nil
}
