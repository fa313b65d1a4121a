package compute

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// environmentFile is where Start records the job's [EnvironmentInfo], and
// containerFile the container CLI and arguments a later Cancel needs.
const (
	environmentFile = "environment.json"
	containerFile   = "container.json"
)

// containerRecord is what Cancel needs to remove a docker run's container.
type containerRecord struct {
	CLI        string   `json:"cli"`
	GlobalArgs []string `json:"global_args,omitempty"`
	Name       string   `json:"name"`
}

// Start implements [Runner]. It prepares the run folder job.RunDir/exec,
// writes to its driver log which environment it uses, builds or reuses
// that environment (conda, or a container engine for docker runs), copies
// the snapshot into the folder's wd, and starts the script detached under a
// supervisor with the run configuration's environment variables and then
// job.Env added to this process's environment. MaxRunDurationSeconds
// becomes the supervisor's timeout.
func (l *Local) Start(ctx context.Context, job *Job) error {
	if err := checkJob(job, true); err != nil {
		return err
	}
	// The host probe (a process, once per Local) runs while the folder
	// is prepared.
	probed := make(chan struct{})
	go func() { l.probe.Probe(ctx, runfolder.LocalShell{}); close(probed) }()
	defer func() { <-probed }()
	dir := execDir(job)
	logPath := filepath.Join(dir, filepath.FromSlash(runfolder.DriverLog))
	if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
		return fmt.Errorf("compute: local target: %w", err)
	}
	copied := l.copySnapshot(ctx, job, dir)
	err := l.prepare(ctx, job, dir, logPath)
	if cerr := <-copied; err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if _, err := runfolder.Start(ctx, runfolder.LocalShell{}, runfolder.LocalFS{}, dir,
		&runfolder.StartOptions{Probe: l.probe}); err != nil {
		return fmt.Errorf("compute: local target: %w", err)
	}
	return makeCollectDirs(job)
}

// makeCollectDirs creates the folders CollectOutputs copies into while the
// script runs, so that the end of a run, which waits for them, does not.
func makeCollectDirs(job *Job) error {
	for _, sub := range []string{"outputs", "logs", filepath.Dir(filepath.FromSlash(runfolder.DriverLog))} {
		if err := os.MkdirAll(filepath.Join(job.RunDir, sub), 0o755); err != nil {
			return fmt.Errorf("compute: local target: %w", err)
		}
	}
	return nil
}

// copySnapshot copies the job's snapshot into the run folder's wd in the
// background (see placeSnapshot), while the environment is resolved and
// the folder's own files are written, and reports the result on the
// returned channel. A folder that was started already is left alone
// ([runfolder.Prepare] reports it).
func (l *Local) copySnapshot(ctx context.Context, job *Job, dir string) <-chan error {
	done := make(chan error, 1)
	if _, err := os.Stat(filepath.Join(dir, runfolder.StatusFile)); err == nil {
		done <- nil
		return done
	}
	go func() {
		err := l.placeSnapshot(ctx, job, filepath.Join(dir, runfolder.WorkDir))
		if err != nil {
			err = fmt.Errorf("compute: local target: copy snapshot: %w", err)
		}
		done <- err
	}()
	return done
}

// prepare resolves the job's environment (saying so in the driver log at
// logPath), writes the run folder's spec and scripts, and records the
// environment (and a docker run's container) for later calls.
func (l *Local) prepare(ctx context.Context, job *Job, dir, logPath string) error {
	la, err := l.resolveLogged(ctx, job, filepath.Join(dir, runfolder.WorkDir), logPath)
	if err != nil {
		return err
	}
	spec := runfolder.Spec{Argv: la.argv, Env: la.env,
		Timeout: time.Duration(job.Config.MaxRunDurationSeconds) * time.Second}
	if err := runfolder.Prepare(ctx, runfolder.LocalFS{}, dir, spec); err != nil {
		return fmt.Errorf("compute: local target: %w", err)
	}
	if err := writeJSON(filepath.Join(dir, environmentFile), la.info); err != nil {
		return err
	}
	if la.container != nil {
		rec := containerRecord{CLI: la.cli, GlobalArgs: la.container.globalArgs, Name: la.container.name}
		return writeJSON(filepath.Join(dir, containerFile), rec)
	}
	return nil
}

// resolveLogged runs resolve with the driver log open for appending.
func (l *Local) resolveLogged(ctx context.Context, job *Job, wd, logPath string) (*launch, error) {
	f, err := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("compute: local target: %w", err)
	}
	la, err := l.resolve(ctx, job, wd, f)
	if err != nil {
		fmt.Fprintf(f, "azureml-go: environment: %v\n", err)
	}
	return la, errors.Join(err, closeErr(f))
}

// closeErr closes f, wrapping a failure.
func closeErr(f io.Closer) error {
	if err := f.Close(); err != nil {
		return fmt.Errorf("compute: local target: %w", err)
	}
	return nil
}

// Environment returns how Start prepared job's environment (interpreter,
// conda environment hash, whether conda ran, and how long it took).
func (l *Local) Environment(ctx context.Context, job *Job) (*EnvironmentInfo, error) {
	if err := checkJob(job, false); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var info EnvironmentInfo
	if err := readJSON(filepath.Join(execDir(job), environmentFile), &info); err != nil {
		return nil, err
	}
	return &info, nil
}

// writeJSON writes v to path.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err == nil {
		err = runfolder.LocalFS{}.WriteFile(path, append(data, '\n'), 0o644)
	}
	if err != nil {
		return fmt.Errorf("compute: local target: write %s: %w", path, err)
	}
	return nil
}

// readJSON decodes the file at path into v.
func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		return fmt.Errorf("compute: local target: read %s: %w", path, err)
	}
	return nil
}
