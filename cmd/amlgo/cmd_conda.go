package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/azureml-go/azureml/conda"
)

func condaCommand() *command {
	return &command{
		name:    "conda",
		summary: "write and edit conda environment files (the SDK's CondaDependencies)",
		example: "amlgo conda new env.yml --python 3.11 --conda numpy --pip requests==2.31.0",
		subs:    []*command{condaNewCommand(), condaAddCommand("add-pip", true), condaAddCommand("add-conda", false), condaShowCommand()},
	}
}

// condaView is the JSON of the conda commands.
type condaView struct {
	Path          string   `json:"path"`
	Name          string   `json:"name"`
	PythonVersion string   `json:"python_version"`
	Channels      []string `json:"channels"`
	CondaPackages []string `json:"conda_packages"`
	PipPackages   []string `json:"pip_packages"`
	PipOptions    []string `json:"pip_options"`
	Hash          string   `json:"hash"`
}

// printConda prints the environment d saved at path.
func (a *app) printConda(path string, d *conda.Dependencies) error {
	v := condaView{Path: path, Name: d.Name(), PythonVersion: d.PythonVersion(), Channels: nonNil(d.Channels()),
		CondaPackages: nonNil(d.CondaPackages()), PipPackages: nonNil(d.PipPackages()), PipOptions: nonNil(d.PipOptions()), Hash: d.Hash()}
	return a.print(v, func(w io.Writer) {
		field(w, "file", v.Path)
		field(w, "name", v.Name)
		field(w, "python", v.PythonVersion)
		field(w, "channels", strings.Join(v.Channels, ", "))
		field(w, "conda", strings.Join(v.CondaPackages, ", "))
		field(w, "pip", strings.Join(v.PipPackages, ", "))
		field(w, "pip options", strings.Join(v.PipOptions, ", "))
		field(w, "hash", v.Hash)
	})
}

func condaNewCommand() *command {
	var o conda.Options
	var force bool
	return &command{
		name:    "new",
		summary: "write a new conda environment file (no defaults added, unlike the Python SDK)",
		args:    "FILE",
		minArgs: 1, maxArgs: 1,
		example: "amlgo conda new env.yml --name train --python 3.11 --channel conda-forge --conda numpy --pip requests",
		data:    true,
		setup: func(f *flags) {
			f.str(&o.Name, "name", "n", "NAME", "", "environment name")
			f.str(&o.PythonVersion, "python", "", "VERSION", "", "python version pin, e.g. 3.11")
			f.list(&o.Channels, "channel", "", "CHANNEL", "conda channel, in priority order (repeatable)")
			f.list(&o.CondaPackages, "conda", "", "SPEC", "conda package spec (repeatable)")
			f.list(&o.PipPackages, "pip", "", "SPEC", "pip requirement (repeatable)")
			f.list(&o.PipOptions, "pip-option", "", "OPTION", "global pip option such as \"--extra-index-url URL\" (repeatable)")
			f.boolean(&force, "force", "", "replace an existing file")
		},
		run: func(_ context.Context, a *app, args []string) error {
			if _, err := os.Stat(args[0]); err == nil && !force {
				return &usageError{cmd: "amlgo conda new", msg: args[0] + " exists (--force replaces it; add-pip and add-conda edit it)"}
			}
			d, err := conda.New(&o)
			if err != nil {
				return err
			}
			if err := d.Save(args[0]); err != nil {
				return err
			}
			return a.printConda(args[0], d)
		},
	}
}

func condaAddCommand(name string, pip bool) *command {
	kind, example := "conda package specs", "amlgo conda add-conda env.yml numpy>=1.24 conda-forge::scipy"
	if pip {
		kind, example = "pip requirements", "amlgo conda add-pip env.yml requests==2.31.0 \"uvicorn[standard]\""
	}
	var create bool
	return &command{
		name:    name,
		summary: "add " + kind + " to a conda environment file; a package already listed is replaced in place",
		args:    "FILE SPEC...",
		minArgs: 2, maxArgs: -1,
		example: example,
		data:    true,
		setup:   func(f *flags) { f.boolean(&create, "create", "", "start a new file when FILE does not exist") },
		run: func(_ context.Context, a *app, args []string) error {
			d, err := conda.Load(args[0])
			if errors.Is(err, fs.ErrNotExist) && create {
				d, err = conda.New(nil)
			}
			if err != nil {
				return err
			}
			for _, spec := range args[1:] {
				add := d.AddCondaPackage
				if pip {
					add = d.AddPipPackage
				}
				if err := add(spec); err != nil {
					return err
				}
			}
			if err := d.Save(args[0]); err != nil {
				return err
			}
			return a.printConda(args[0], d)
		},
	}
}

func condaShowCommand() *command {
	return &command{
		name:    "show",
		summary: "show a conda environment file's packages and content hash",
		args:    "FILE",
		minArgs: 1, maxArgs: 1,
		example: "amlgo conda show env.yml -o json",
		data:    true,
		run: func(_ context.Context, a *app, args []string) error {
			d, err := conda.Load(args[0])
			if err != nil {
				return err
			}
			return a.printConda(args[0], d)
		},
	}
}
