package main

import (
	"context"
	"io"

	"github.com/azureml-go/azureml/workspace"
)

// workspaceView is the JSON of "workspace show".
type workspaceView struct {
	Kind           string `json:"kind"`
	Name           string `json:"name"`
	SubscriptionID string `json:"subscription_id"`
	ResourceGroup  string `json:"resource_group"`
	Location       string `json:"location"`
	LocalDir       string `json:"local_dir"`
	ConfigFile     string `json:"config_file"`
}

func viewOfWorkspace(ws *workspace.Workspace) workspaceView {
	return workspaceView{Kind: string(ws.Kind()), Name: ws.Name(), SubscriptionID: ws.SubscriptionID(),
		ResourceGroup: ws.ResourceGroup(), Location: ws.Location(), LocalDir: ws.LocalDir(), ConfigFile: ws.ConfigPath()}
}

func workspaceShowCommand() *command {
	return &command{
		name:    "show",
		summary: "show which workspace the config names (local or Azure) and where its data lives",
		long: "The workspace comes from config.json in the current folder, .azureml/ or aml_config/,\n" +
			"or a parent folder, as the Python SDK reads it; without one it is the local workspace.",
		example: "amlgo workspace show\namlgo workspace show --workspace-dir /tmp/ws -o json",
		data:    true,
		run: func(ctx context.Context, a *app, _ []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			v := viewOfWorkspace(ws)
			return a.print(v, func(w io.Writer) {
				field(w, "kind", v.Kind)
				field(w, "name", v.Name)
				field(w, "subscription", v.SubscriptionID)
				field(w, "resource group", v.ResourceGroup)
				field(w, "location", v.Location)
				field(w, "data folder", v.LocalDir)
				field(w, "config file", v.ConfigFile)
			})
		},
	}
}

// pathView is the JSON of commands that write one file.
type pathView struct {
	Path string `json:"path"`
}

func workspaceWriteConfigCommand() *command {
	var dir, name string
	return &command{
		name:    "write-config",
		summary: "write the workspace's config.json so that later commands and the SDK find it",
		example: "amlgo workspace write-config --workspace-dir ./ws --path .",
		data:    true,
		setup: func(f *flags) {
			f.str(&dir, "path", "p", "DIR", "", "project folder; the file goes to its aml_config/ when present, else .azureml/ (default: the current folder)")
			f.str(&name, "file-name", "", "NAME", "", "config file name (default config.json)")
		},
		run: func(ctx context.Context, a *app, _ []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			p, err := ws.WriteConfig(ctx, dir, &workspace.WriteConfigOptions{FileName: name})
			if err != nil {
				return err
			}
			return a.print(pathView{Path: p}, func(w io.Writer) { field(w, "wrote", p) })
		},
	}
}
