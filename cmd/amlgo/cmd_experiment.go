package main

import (
	"context"
	"io"

	"github.com/azureml-go/azureml/experiment"
)

// experimentCommand is "amlgo experiment".
func experimentCommand() *command {
	return &command{
		name:    "experiment",
		summary: "list the workspace's experiments",
		example: "amlgo experiment list",
		subs:    []*command{experimentListCommand()},
	}
}

// experimentView is one element of the JSON of "experiment list".
type experimentView struct {
	Name          string         `json:"name"`
	Runs          int            `json:"runs"`
	Statuses      map[string]int `json:"statuses"`
	LastRunID     string         `json:"last_run_id"`
	LastStatus    string         `json:"last_status"`
	LastSubmitted string         `json:"last_submitted"`
}

func experimentListCommand() *command {
	return &command{
		name:    "list",
		summary: "list the experiments that have runs, with their run counts and newest run",
		long: "Statuses are the last ones recorded (amlgo run show asks a run's target). In an Azure\n" +
			"workspace the list holds the runs this machine submitted or followed.",
		example: "amlgo experiment list\namlgo experiment list -o json",
		data:    true,
		run: func(ctx context.Context, a *app, _ []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			exps, err := experiment.List(ctx, ws)
			if err != nil {
				return err
			}
			views := make([]experimentView, 0, len(exps))
			for _, e := range exps {
				v := experimentView{Name: e.Name, Runs: e.Runs, Statuses: map[string]int{}, LastRunID: e.LastRunID,
					LastStatus: string(e.LastStatus), LastSubmitted: timeOrEmpty(e.LastSubmitted)}
				for s, n := range e.Statuses {
					v.Statuses[string(s)] = n
				}
				views = append(views, v)
			}
			return a.print(views, func(w io.Writer) {
				row(w, "NAME", "RUNS", "LAST RUN", "LAST STATUS", "LAST SUBMITTED")
				for _, v := range views {
					row(w, v.Name, v.Runs, v.LastRunID, v.LastStatus, v.LastSubmitted)
				}
			})
		},
	}
}
