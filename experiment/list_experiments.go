package experiment

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/azureml-go/azureml/workspace"
)

// Summary is one experiment of a workspace, as [List] returns it: its
// name and what its run index says about its runs.
type Summary struct {
	// Name is the experiment's name.
	Name string
	// Runs is the number of runs recorded.
	Runs int
	// Statuses counts the runs by recorded status.
	Statuses map[Status]int
	// LastRunID, LastStatus and LastSubmitted describe the newest run.
	LastRunID     string
	LastStatus    Status
	LastSubmitted time.Time
}

// List returns the experiments of ws that have at least one run recorded
// on this machine, in name order, each with its run counts and its newest
// run. It reads each experiment's compact run index (see
// [Experiment.ListRuns]), never the run records, and sends nothing to any
// target: a status is the last one recorded. In an Azure workspace it
// lists the runs this machine submitted or re-attached to, recorded in
// its local cache (see the package documentation). A workspace without
// any run gives an empty list.
func List(ctx context.Context, ws *workspace.Workspace) ([]Summary, error) {
	if ws == nil {
		return nil, &ValidationError{Field: "workspace", Value: "<nil>", Reason: "must not be nil"}
	}
	dir, err := homeDir(ws)
	if err != nil {
		return nil, err
	}
	if dir == "" {
		return nil, nil
	}
	h := &home{dir: dir}
	entries, err := os.ReadDir(filepath.Join(dir, "experiments"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("experiment: list: %w", err)
	}
	var out []Summary
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !e.IsDir() || ValidateName(e.Name()) != nil {
			continue
		}
		runs, err := readIndex(h.indexPath(e.Name()))
		if err != nil {
			return nil, err
		}
		if len(runs) > 0 {
			out = append(out, summarize(e.Name(), runs))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// summarize sums up the runs of an index, which come newest first.
func summarize(name string, runs []RunInfo) Summary {
	s := Summary{Name: name, Runs: len(runs), Statuses: map[Status]int{},
		LastRunID: runs[0].ID, LastStatus: runs[0].Status, LastSubmitted: runs[0].Submitted}
	for _, r := range runs {
		s.Statuses[r.Status]++
	}
	return s
}
