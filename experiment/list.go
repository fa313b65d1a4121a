package experiment

import (
	"context"
	"slices"
)

// ListOptions tunes Experiment.ListRuns. A nil *ListOptions lists every run.
type ListOptions struct {
	// Statuses keeps only runs whose recorded status is one of these;
	// empty keeps all.
	Statuses []Status
	// Limit caps the number of runs returned; 0 means no cap.
	Limit int
}

// ListRuns returns the experiment's runs, newest first, with their
// recorded statuses. It reads one compact index file, so it stays fast
// with thousands of runs. A run whose status no process has looked at
// since it changed on its target shows the last recorded one; Run.Status
// (via GetRun) asks the target.
func (e *Experiment) ListRuns(ctx context.Context, opts *ListOptions) ([]RunInfo, error) {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	h, err := e.homes.get(ctx, e.ws)
	if err != nil {
		return nil, err
	}
	runs, err := readIndex(h.indexPath(e.name))
	if err != nil {
		return nil, err
	}
	if len(o.Statuses) > 0 {
		runs = slices.DeleteFunc(runs, func(ri RunInfo) bool { return !slices.Contains(o.Statuses, ri.Status) })
	}
	if o.Limit > 0 && len(runs) > o.Limit {
		runs = runs[:o.Limit]
	}
	return runs, nil
}
