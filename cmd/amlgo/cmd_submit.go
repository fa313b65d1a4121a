package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/conda"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// submitFlags are the flags of "run submit-script".
type submitFlags struct {
	experiment, target, sourceDir string
	condaFile, runconfigName      string
	python                        string
	tags                          []string
	noWait, noLogs                bool
}

func runSubmitCommand() *command {
	var s submitFlags
	return &command{
		name:    "submit-script",
		summary: "submit a script as a run of an experiment, stream its log and exit with its outcome",
		long: "The run configuration is --runconfig NAME (.azureml/NAME.runconfig of the source folder) when given,\n" +
			"else the SDK's defaults with a user-managed interpreter (--python, default \"python\", falling back to\n" +
			"python3), or a conda environment built from --conda-dependencies. Arguments after -- go to the script.\n" +
			"The upload of the snapshot to an Azure or SSH target shows files, bytes and rate (not with --quiet).\n" +
			"Exit code 0: Completed, 5: Failed, 6: Canceled, 130: Ctrl-C stopped following (the run goes on).",
		args:    "SCRIPT [-- ARGS...]",
		minArgs: 1, maxArgs: -1,
		example: "amlgo run submit-script train.py -e demo -t local -d ./src -- --epochs 5\n" +
			"amlgo run submit-script train.py -e demo -t my-vm --conda-dependencies env.yml --no-wait",
		data: true,
		setup: func(f *flags) {
			f.str(&s.experiment, "experiment-name", "e", "NAME", "", "experiment the run belongs to (required)")
			f.str(&s.target, "target", "t", "NAME", "", "compute target (default: the run configuration's, else local)")
			f.str(&s.sourceDir, "source-directory", "d", "DIR", ".", "folder snapshotted and sent to the target")
			f.str(&s.condaFile, "conda-dependencies", "", "FILE", "", "conda environment file: the run gets a system-managed environment built from it")
			f.str(&s.runconfigName, "runconfig", "c", "NAME", "", "run configuration of the source folder to start from")
			f.str(&s.python, "python", "", "PATH", "", "user-managed Python interpreter (when no --runconfig or --conda-dependencies)")
			f.list(&s.tags, "tag", "", "KEY=VALUE", "tag recorded with the run (repeatable)")
			f.boolean(&s.noWait, "no-wait", "", "print the run id and return once the run has started")
			f.boolean(&s.noLogs, "no-logs", "", "show the run's state and elapsed time instead of its log")
		},
		run: func(ctx context.Context, a *app, args []string) error { return a.submit(ctx, &s, args) },
	}
}

// runConfig builds the run configuration of a submission from the flags.
func (s *submitFlags) runConfig() (*runconfig.RunConfiguration, error) {
	var rc *runconfig.RunConfiguration
	if s.runconfigName != "" {
		var err error
		if rc, err = runconfig.Load(s.sourceDir, s.runconfigName); err != nil {
			return nil, err
		}
	} else {
		rc = runconfig.New()
		rc.Environment.Python.UserManagedDependencies = s.condaFile == ""
	}
	if s.python != "" {
		rc.Environment.Python.UserManagedDependencies = true
		rc.Environment.Python.InterpreterPath = s.python
	}
	if s.condaFile == "" {
		return rc, nil
	}
	d, err := conda.Load(s.condaFile)
	if err != nil {
		return nil, err
	}
	rc.Environment.Python.UserManagedDependencies = false
	rc.Environment.Python.Conda = d
	rc.Environment.Python.CondaDependenciesFile = ""
	if rel, err := filepath.Rel(s.sourceDir, s.condaFile); err == nil && !strings.HasPrefix(rel, "..") {
		rc.Environment.Python.CondaDependenciesFile = filepath.ToSlash(rel)
	}
	return rc, nil
}

// submitOptions are the tags of the flags, the upload's progress (unless
// --quiet) and, under --verbose, the target with SSH tracing.
func (a *app) submitOptions(ctx context.Context, ws *workspace.Workspace, s *submitFlags, target string) (*experiment.SubmitOptions, error) {
	opts := &experiment.SubmitOptions{Tags: map[string]string{}, UploadProgress: a.uploadProgress()}
	for _, t := range s.tags {
		k, v, ok := strings.Cut(t, "=")
		if !ok {
			return nil, &usageError{cmd: "amlgo run submit-script", msg: fmt.Sprintf("--tag %q: want KEY=VALUE", t)}
		}
		opts.Tags[k] = v
	}
	if !a.verbose {
		return opts, nil
	}
	t, err := compute.Get(ctx, ws, target)
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case *compute.RemoteVM:
		opts.Target = t.WithOptions(a.sshOptions())
	case *compute.HDInsight:
		opts.Target = t.WithOptions(a.sshOptions())
	}
	return opts, nil
}

// submit runs "run submit-script".
func (a *app) submit(ctx context.Context, s *submitFlags, args []string) error {
	if s.experiment == "" {
		return &usageError{cmd: "amlgo run submit-script", msg: "--experiment-name (-e) is required"}
	}
	rc, err := s.runConfig()
	if err != nil {
		return err
	}
	ws, err := a.workspace(ctx)
	if err != nil {
		return err
	}
	exp, err := experiment.New(ws, s.experiment)
	if err != nil {
		return err
	}
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: s.sourceDir, Script: args[0], Arguments: args[1:], RunConfig: rc, Target: s.target}
	opts, err := a.submitOptions(ctx, ws, s, cfg.Effective().Target)
	if err != nil {
		return err
	}
	r, err := exp.Submit(ctx, cfg, opts)
	if err != nil {
		return err
	}
	if s.noWait {
		return a.printSubmitted(r, cfg.Effective().Target)
	}
	a.notef("submitted run %s (re-attach with: amlgo run wait %s)", r.ID(), r.ID())
	return a.waitRun(ctx, r, s.noLogs)
}

// submittedView is the JSON of "run submit-script --no-wait".
type submittedView struct {
	RunID      string `json:"run_id"`
	Experiment string `json:"experiment"`
	Target     string `json:"target"`
	Dir        string `json:"dir"`
}

func (a *app) printSubmitted(r *experiment.Run, target string) error {
	v := submittedView{RunID: r.ID(), Experiment: r.Experiment(), Target: target, Dir: r.Dir()}
	return a.print(v, func(w io.Writer) {
		field(w, "run id", v.RunID)
		field(w, "target", v.Target)
		field(w, "follow with", "amlgo run wait "+v.RunID)
	})
}
