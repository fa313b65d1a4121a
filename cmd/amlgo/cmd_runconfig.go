package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/azureml-go/azureml/conda"
	"github.com/azureml-go/azureml/runconfig"
)

func runconfigCommand() *command {
	return &command{
		name:    "runconfig",
		summary: "write, show and validate .runconfig files (the SDK's RunConfiguration)",
		example: "amlgo runconfig new train -t my-vm --python python3",
		subs:    []*command{runconfigNewCommand(), runconfigShowCommand(), runconfigValidateCommand()},
	}
}

// runconfigView is the JSON of "runconfig show".
type runconfigView struct {
	Target                string            `json:"target"`
	Script                string            `json:"script"`
	Arguments             []string          `json:"arguments"`
	Framework             string            `json:"framework"`
	Communicator          string            `json:"communicator"`
	NodeCount             int               `json:"node_count"`
	MaxRunDurationSeconds int               `json:"max_run_duration_seconds"`
	UserManaged           bool              `json:"user_managed_dependencies"`
	InterpreterPath       string            `json:"interpreter_path"`
	CondaDependenciesFile string            `json:"conda_dependencies_file"`
	DockerEnabled         bool              `json:"docker_enabled"`
	BaseImage             string            `json:"base_image"`
	EnvironmentVariables  map[string]string `json:"environment_variables"`
}

func viewOfRunconfig(rc *runconfig.RunConfiguration) runconfigView {
	env := rc.Environment
	return runconfigView{Target: rc.Target, Script: rc.Script, Arguments: nonNil(rc.Arguments), Framework: string(rc.Framework),
		Communicator: string(rc.Communicator), NodeCount: rc.NodeCount, MaxRunDurationSeconds: rc.MaxRunDurationSeconds,
		UserManaged: env.Python.UserManagedDependencies, InterpreterPath: env.Python.InterpreterPath,
		CondaDependenciesFile: env.Python.CondaDependenciesFile, DockerEnabled: env.Docker.Enabled,
		BaseImage: env.Docker.BaseImage, EnvironmentVariables: nonNilMap(env.EnvironmentVariables)}
}

func runconfigNewCommand() *command {
	var dir, target, script, python, condaFile, framework string
	var nodes, maxSeconds int
	return &command{
		name:    "new",
		summary: "write a run configuration with the SDK's defaults and the given settings",
		long:    "The file is DIR/.azureml/NAME.runconfig (DIR/aml_config/ when that folder exists), with its conda file beside it.",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo runconfig new train -d ./src -t my-vm --python python3",
		data:    true,
		setup: func(f *flags) {
			f.str(&dir, "source-directory", "d", "DIR", ".", "project folder")
			f.str(&target, "target", "t", "NAME", runconfig.TargetLocal, "compute target")
			f.str(&script, "script", "", "FILE", "", "script to run, relative to the project folder")
			f.str(&python, "python", "", "PATH", "", "user-managed Python interpreter (default: a system-managed conda environment)")
			f.str(&condaFile, "conda-dependencies", "", "FILE", "", "conda environment file to use instead of the SDK's default one")
			f.str(&framework, "framework", "", "NAME", string(runconfig.FrameworkPython), "Python or PySpark (HDInsight)")
			f.integer(&nodes, "node-count", "", "N", 1, "number of nodes")
			f.integer(&maxSeconds, "max-run-duration-seconds", "", "SECONDS", 0, "cancel the run after this time (0: no limit)")
		},
		run: func(_ context.Context, a *app, args []string) error {
			rc := runconfig.New()
			rc.Target, rc.Script, rc.Framework = target, script, runconfig.Framework(framework)
			rc.NodeCount, rc.MaxRunDurationSeconds = nodes, maxSeconds
			if python != "" {
				rc.Environment.Python.UserManagedDependencies = true
				rc.Environment.Python.InterpreterPath = python
			}
			if condaFile != "" {
				d, err := conda.Load(condaFile)
				if err != nil {
					return err
				}
				rc.Environment.Python.Conda = d
			}
			if err := rc.Validate(); err != nil {
				return err
			}
			p, err := rc.Save(dir, args[0])
			if err != nil {
				return err
			}
			return a.print(pathView{Path: p}, func(w io.Writer) { field(w, "wrote", p) })
		},
	}
}

func runconfigShowCommand() *command {
	var dir string
	return &command{
		name:    "show",
		summary: "show a run configuration of a project (the file itself as a table)",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo runconfig show train -d ./src -o json",
		data:    true,
		setup:   func(f *flags) { f.str(&dir, "source-directory", "d", "DIR", ".", "project folder") },
		run: func(_ context.Context, a *app, args []string) error {
			rc, err := runconfig.Load(dir, args[0])
			if err != nil {
				return err
			}
			b, err := rc.Marshal()
			if err != nil {
				return err
			}
			return a.print(viewOfRunconfig(rc), func(w io.Writer) { _, _ = w.Write(b) })
		},
	}
}

// problemView is one problem of "runconfig validate".
type problemView struct {
	Field  string `json:"field"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// validationView is the JSON of "runconfig validate".
type validationView struct {
	Valid    bool          `json:"valid"`
	Problems []problemView `json:"problems"`
}

func runconfigValidateCommand() *command {
	var dir string
	return &command{
		name:    "validate",
		summary: "check a run configuration as a compute target would, listing every problem (exit code 1 when invalid)",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo runconfig validate train -d ./src",
		data:    true,
		setup:   func(f *flags) { f.str(&dir, "source-directory", "d", "DIR", ".", "project folder") },
		run: func(_ context.Context, a *app, args []string) error {
			rc, err := runconfig.Load(dir, args[0])
			if err != nil {
				return err
			}
			err = rc.Validate()
			var ve *runconfig.ValidationError
			if err != nil && !errors.As(err, &ve) {
				return err
			}
			v := validationView{Valid: err == nil, Problems: []problemView{}}
			if ve != nil {
				for _, fe := range ve.Errors {
					v.Problems = append(v.Problems, problemView{Field: fe.Field, Value: fmt.Sprint(fe.Value), Reason: fe.Reason})
				}
			}
			if perr := a.print(v, func(w io.Writer) {
				if v.Valid {
					field(w, "valid", args[0])
				}
				for _, p := range v.Problems {
					row(w, p.Field, p.Value, p.Reason)
				}
			}); perr != nil {
				return perr
			}
			return err
		},
	}
}
