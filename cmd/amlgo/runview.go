package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/azureml-go/azureml/experiment"
)

// runView is the JSON of a run ("run show", "run wait", "run cancel",
// "run submit-script").
type runView struct {
	RunID       string             `json:"run_id"`
	Experiment  string             `json:"experiment"`
	Target      string             `json:"target"`
	Status      string             `json:"status"`
	Submitted   string             `json:"submitted"`
	StartTime   string             `json:"start_time"`
	EndTime     string             `json:"end_time"`
	SnapshotID  string             `json:"snapshot_id"`
	Script      string             `json:"script"`
	Arguments   []string           `json:"arguments"`
	ExitCode    *int               `json:"exit_code"`
	Error       string             `json:"error"`
	Properties  map[string]string  `json:"properties"`
	Tags        map[string]string  `json:"tags"`
	LogFiles    []string           `json:"log_files"`
	OutputFiles []string           `json:"output_files"`
	Metrics     map[string]float64 `json:"metrics"`
	Dir         string             `json:"dir"`
}

// viewOfRun builds the view of a run from its details and metrics (the
// last value reported under each name).
func viewOfRun(ctx context.Context, r *experiment.Run, d *experiment.Details) (runView, error) {
	v := runView{RunID: d.RunID, Experiment: d.Experiment, Target: d.Target, Status: string(d.Status),
		Submitted: timeOrEmpty(d.Submitted), StartTime: timeOrEmpty(d.StartTime), EndTime: timeOrEmpty(d.EndTime),
		SnapshotID: d.SnapshotID, Script: d.Script, Arguments: nonNil(d.Arguments), ExitCode: d.ExitCode, Error: d.Error,
		Properties: nonNilMap(d.Properties), Tags: nonNilMap(d.Tags), LogFiles: nonNil(d.LogFiles),
		OutputFiles: nonNil(d.OutputFiles), Metrics: map[string]float64{}, Dir: r.Dir()}
	m, err := r.Metrics(ctx)
	if err != nil {
		return v, err
	}
	for name, vals := range m {
		if len(vals) > 0 {
			v.Metrics[name] = vals[len(vals)-1].Value
		}
	}
	return v, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// table writes the detail table of a run.
func (v runView) table(w io.Writer) {
	field(w, "run id", v.RunID)
	field(w, "experiment", v.Experiment)
	field(w, "target", v.Target)
	field(w, "status", v.Status)
	field(w, "submitted", v.Submitted)
	field(w, "started", v.StartTime)
	field(w, "ended", v.EndTime)
	field(w, "script", strings.TrimSpace(v.Script+" "+strings.Join(v.Arguments, " ")))
	if v.ExitCode != nil {
		field(w, "exit code", *v.ExitCode)
	}
	field(w, "error", v.Error)
	field(w, "snapshot", v.SnapshotID)
	names := make([]string, 0, len(v.Metrics))
	for n := range v.Metrics {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		field(w, "metric "+n, fmt.Sprintf("%g", v.Metrics[n]))
	}
	for _, f := range v.OutputFiles {
		field(w, "output", f)
	}
	field(w, "folder", v.Dir)
}

// printRun prints the run's details.
func (a *app) printRun(ctx context.Context, r *experiment.Run, d *experiment.Details) error {
	v, err := viewOfRun(ctx, r, d)
	if err != nil {
		return err
	}
	return a.print(v, v.table)
}

// outcome turns a final status into the command's error: nil for
// Completed, a *runEndedError (exit code 5 or 6) otherwise.
func outcome(d *experiment.Details) error {
	if d.Status == experiment.StatusCompleted {
		return nil
	}
	return &runEndedError{runID: d.RunID, status: d.Status, reason: d.Error}
}
