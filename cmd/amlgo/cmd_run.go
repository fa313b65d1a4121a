package main

import (
	"context"
	"io"

	"github.com/azureml-go/azureml/experiment"
)

// getRun re-attaches to the run id of the workspace.
func (a *app) getRun(ctx context.Context, id string) (*experiment.Run, error) {
	ws, err := a.workspace(ctx)
	if err != nil {
		return nil, err
	}
	return experiment.GetRun(ctx, ws, id, nil)
}

// runInfoView is one element of the JSON of "run list".
type runInfoView struct {
	RunID     string `json:"run_id"`
	Status    string `json:"status"`
	Submitted string `json:"submitted"`
}

func runListCommand() *command {
	var exp string
	var statuses []string
	var limit int
	return &command{
		name:    "list",
		summary: "list an experiment's runs, newest first, with their recorded statuses",
		example: "amlgo run list -e demo --status Failed --limit 5",
		data:    true,
		setup: func(f *flags) {
			f.str(&exp, "experiment-name", "e", "NAME", "", "experiment (required)")
			f.list(&statuses, "status", "", "STATUS", "keep runs with this status (repeatable)")
			f.integer(&limit, "limit", "", "N", 0, "list at most N runs (0: all)")
		},
		run: func(ctx context.Context, a *app, _ []string) error {
			if exp == "" {
				return &usageError{cmd: "amlgo run list", msg: "--experiment-name (-e) is required"}
			}
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			e, err := experiment.New(ws, exp)
			if err != nil {
				return err
			}
			opts := &experiment.ListOptions{Limit: limit}
			for _, s := range statuses {
				opts.Statuses = append(opts.Statuses, experiment.Status(s))
			}
			runs, err := e.ListRuns(ctx, opts)
			if err != nil {
				return err
			}
			views := make([]runInfoView, 0, len(runs))
			for _, r := range runs {
				views = append(views, runInfoView{RunID: r.ID, Status: string(r.Status), Submitted: timeOrEmpty(r.Submitted)})
			}
			return a.print(views, func(w io.Writer) {
				row(w, "RUN ID", "STATUS", "SUBMITTED")
				for _, v := range views {
					row(w, v.RunID, v.Status, v.Submitted)
				}
			})
		},
	}
}

func runShowCommand() *command {
	return &command{
		name:    "show",
		summary: "show a run's status and details, asking its target while it is not final",
		args:    "RUN_ID",
		minArgs: 1, maxArgs: 1,
		example: "amlgo run show demo_1700000000_0a1b2c3d -o json",
		data:    true,
		run: func(ctx context.Context, a *app, args []string) error {
			r, err := a.getRun(ctx, args[0])
			if err != nil {
				return err
			}
			d, err := r.Details(ctx)
			if err != nil {
				return err
			}
			return a.printRun(ctx, r, d)
		},
	}
}

func runCancelCommand() *command {
	return &command{
		name:    "cancel",
		summary: "stop a run's script and all its children, and record it Canceled",
		args:    "RUN_ID",
		minArgs: 1, maxArgs: 1,
		example: "amlgo run cancel demo_1700000000_0a1b2c3d",
		data:    true,
		run: func(ctx context.Context, a *app, args []string) error {
			r, err := a.getRun(ctx, args[0])
			if err != nil {
				return err
			}
			if err := r.Cancel(ctx); err != nil {
				return err
			}
			d, err := r.Details(ctx)
			if err != nil {
				return err
			}
			return a.printRun(ctx, r, d)
		},
	}
}

func runLogsCommand() *command {
	var follow bool
	return &command{
		name:    "logs",
		summary: "print a run's log (its script's output); --follow keeps printing until the run ends",
		long: "Ctrl-C stops following, never the run. The library prints a log only whole: on a run that\n" +
			"is still going on, logs without --follow follows too, and says so on stderr.",
		args:    "RUN_ID",
		minArgs: 1, maxArgs: 1,
		example: "amlgo run logs demo_1700000000_0a1b2c3d --follow",
		setup: func(f *flags) {
			f.boolean(&follow, "follow", "f", "keep printing the log as it is written, until the run ends")
		},
		run: func(ctx context.Context, a *app, args []string) error {
			r, err := a.getRun(ctx, args[0])
			if err != nil {
				return err
			}
			if !follow {
				st, err := r.Status(ctx)
				if err != nil {
					return err
				}
				if !st.Terminal() && !a.quiet {
					a.stderrf("run %s is %s: following its log until it ends (Ctrl-C stops following, not the run)", r.ID(), st)
				}
			}
			if err := r.Log(ctx, a.stdout); err != nil {
				return interrupted(ctx, r.ID(), err)
			}
			return interrupted(ctx, r.ID(), nil)
		},
	}
}

// interrupted turns the end of a follow stopped by Ctrl-C into a
// *experiment.WaitInterruptedError, which says how to re-attach.
func interrupted(ctx context.Context, id string, err error) error {
	if ctx.Err() != nil {
		return &experiment.WaitInterruptedError{RunID: id, Err: ctx.Err()}
	}
	return err
}

func runWaitCommand() *command {
	var noLogs bool
	return &command{
		name:    "wait",
		summary: "re-attach to a run: stream its log until it ends and exit with its outcome",
		long:    "Exit code 0: Completed, 5: Failed, 6: Canceled, 130: Ctrl-C stopped waiting (the run goes on).",
		args:    "RUN_ID",
		minArgs: 1, maxArgs: 1,
		example: "amlgo run wait demo_1700000000_0a1b2c3d",
		data:    true,
		setup: func(f *flags) {
			f.boolean(&noLogs, "no-logs", "", "show the run's state and elapsed time instead of its log")
		},
		run: func(ctx context.Context, a *app, args []string) error {
			r, err := a.getRun(ctx, args[0])
			if err != nil {
				return err
			}
			return a.waitRun(ctx, r, noLogs)
		},
	}
}

// waitRun waits for r with its log streamed (or its state shown), prints
// its details and returns its outcome.
func (a *app) waitRun(ctx context.Context, r *experiment.Run, noLogs bool) error {
	opts := &experiment.WaitOptions{NoRaiseOnError: true}
	var d *experiment.Details
	wait := func() error {
		var err error
		d, err = r.WaitForCompletion(ctx, opts)
		return err
	}
	var err error
	if noLogs {
		state := func(ctx context.Context) string {
			s, err := r.Status(ctx)
			if err != nil {
				return "unknown"
			}
			return string(s)
		}
		err = a.watch(ctx, "run "+r.ID(), state, wait)
	} else {
		opts.Output = a.progressOut()
		err = wait()
	}
	if err != nil {
		return err
	}
	if err := a.printRun(ctx, r, d); err != nil {
		return err
	}
	return outcome(d)
}
