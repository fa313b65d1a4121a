package experiment

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"time"

	"github.com/azureml-go/azureml/compute"
)

// setFinal collects the outputs of an ended job and records its final
// status, end time, error and file lists, once: a record already
// finalized (by this or another process) is left as it is and returned.
func (r *Run) setFinal(ctx context.Context, js *compute.JobStatus) (*runRecord, error) {
	var cerr error
	if js.State != compute.JobFailed || js.ExitCode != nil || !js.StartTime.IsZero() {
		cerr = r.runner.CollectOutputs(ctx, r.job)
	}
	logs := listFiles(r.job.RunDir, "logs")
	outs := listFiles(r.job.RunDir, "outputs")
	end := js.EndTime
	if end.IsZero() {
		end = time.Now()
	}
	changed := false
	rec, err := updateRecord(ctx, r.h.st, r.id, finalWrite, func(rec *runRecord) bool {
		if rec.Finalized {
			return false
		}
		changed = true
		rec.Status, rec.End, rec.ExitCode = Status(js.State), end.UTC(), js.ExitCode
		if rec.Start.IsZero() && !js.StartTime.IsZero() {
			rec.Start = js.StartTime.UTC()
		}
		rec.Error = js.Error
		if cerr != nil {
			rec.Error = joinReason(rec.Error, "collecting outputs: "+cerr.Error())
		}
		rec.LogFiles, rec.OutputFiles, rec.Finalized = logs, outs, true
		return true
	})
	if err == nil && changed {
		_ = appendIndex(r.h.indexPath(r.exp), indexLine{ID: r.id, Status: rec.Status})
	}
	return rec, err
}

func joinReason(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// listFiles returns the files under dir/sub as slash-separated paths
// relative to dir ("outputs/model.json"), sorted; none when absent.
func listFiles(dir, sub string) []string {
	var out []string
	_ = filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if rel, rerr := filepath.Rel(dir, p); rerr == nil {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// Cancel stops the run's script and all its children on the target and
// records the run Canceled. A run that already ended keeps its status.
func (r *Run) Cancel(ctx context.Context) error {
	rec, err := readRecord(ctx, r.h.st, r.id)
	if err != nil {
		return err
	}
	if rec.Finalized {
		return nil
	}
	if err := r.runner.Cancel(ctx, r.job); err != nil {
		return fmt.Errorf("experiment: canceling run %s: %w", r.id, err)
	}
	js, err := r.runner.Status(ctx, r.job)
	if err != nil || !js.State.Terminal() {
		js = &compute.JobStatus{State: compute.JobCanceled, EndTime: time.Now(), Error: "canceled by the user"}
	}
	_, err = r.setFinal(ctx, js)
	return err
}
