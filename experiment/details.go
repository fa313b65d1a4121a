package experiment

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Details is what Run.Details reports: the SDK's get_details keys.
type Details struct {
	RunID      string
	Experiment string
	Target     string
	Status     Status
	Submitted  time.Time
	// StartTime and EndTime are zero until known (EndTime until final).
	StartTime time.Time
	EndTime   time.Time
	// SnapshotID is the id of the source folder's snapshot.
	SnapshotID string
	Script     string
	Arguments  []string
	// Properties hold ContentSnapshotId, the git properties
	// (azureml.git.*, mlflow.source.git.*) and the submitter's own.
	Properties map[string]string
	Tags       map[string]string
	// LogFiles and OutputFiles are slash-separated paths relative to
	// Run.Dir ("logs/...", "outputs/...").
	LogFiles    []string
	OutputFiles []string
	// Error says why the run failed or was canceled; ExitCode is the
	// script's exit code when it exited.
	Error    string
	ExitCode *int
	// HasGitDiff is true when a diff of the dirty work tree was kept (see
	// Run.GitDiff).
	HasGitDiff bool
	// PortalURL is the run's page in Azure ML studio, for a run on an
	// Azure target; "" elsewhere.
	PortalURL string
}

// Details returns the run's details, reconciled with its target.
func (r *Run) Details(ctx context.Context) (*Details, error) {
	rec, err := r.refresh(ctx)
	if err != nil {
		return nil, err
	}
	return r.details(rec), nil
}

func (r *Run) details(rec *runRecord) *Details {
	d := &Details{
		RunID: rec.ID, Experiment: rec.Experiment, Target: rec.Target, Status: rec.Status,
		Submitted: rec.Submitted, StartTime: rec.Start, EndTime: rec.End, SnapshotID: rec.SnapshotID,
		Script: rec.Script, Arguments: rec.Arguments, Properties: rec.Properties, Tags: rec.Tags,
		LogFiles: rec.LogFiles, OutputFiles: rec.OutputFiles, Error: rec.Error, ExitCode: rec.ExitCode,
		HasGitDiff: rec.GitDiff != "", PortalURL: rec.PortalURL,
	}
	if !rec.Finalized { // still running: what is there now
		d.LogFiles = listFiles(r.job.RunDir, "logs")
		d.OutputFiles = listFiles(r.job.RunDir, "outputs")
	}
	return d
}

// GitDiff writes the `git diff HEAD` kept when the run was submitted from
// a dirty work tree (at most 1 MiB, then a truncation marker). It writes
// nothing when the tree was clean or not under git.
func (r *Run) GitDiff(ctx context.Context, w io.Writer) error {
	rec, err := readRecord(ctx, r.h.st, r.id)
	if err != nil || rec.GitDiff == "" {
		return err
	}
	rc, err := r.h.st.OpenObject(ctx, rec.GitDiff)
	if err != nil {
		return fmt.Errorf("experiment: run %s: git diff: %w", r.id, err)
	}
	defer rc.Close()
	_, err = io.Copy(w, rc)
	return err
}

// Metrics returns the values the script reported through its metrics file
// (see the package documentation), by name, in the order written. It can
// be called while the run is going on. A malformed line is reported as a
// *MetricsFileError beside the values of the good lines.
func (r *Run) Metrics(ctx context.Context) (map[string][]MetricValue, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var f *os.File
	var err error
	for _, name := range []string{MetricsFile, CollectedMetricsFile} {
		f, err = os.Open(filepath.Join(r.job.RunDir, filepath.FromSlash(name)))
		if !os.IsNotExist(err) {
			break
		}
	}
	if os.IsNotExist(err) {
		return map[string][]MetricValue{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("experiment: run %s: metrics: %w", r.id, err)
	}
	defer f.Close()
	return ParseMetrics(f)
}
