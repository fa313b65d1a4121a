package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Config folders and file names.
const (
	amlConfigDir      = "aml_config"
	azuremlDir        = ".azureml"
	configFileName    = "config.json"
	legacyProjectName = "project.json"
)

// searchDirs returns the config folders in search order ("" is the folder
// itself). The Python SDK's from_config tries .azureml before aml_config;
// this package tries aml_config first, so that the folder
// [Workspace.WriteConfig] writes into (aml_config when it exists) is also
// the one read back.
func searchDirs() []string { return []string{amlConfigDir, azuremlDir, ""} }

// FromConfigOptions configures [FromConfig]. A nil *FromConfigOptions means
// defaults.
type FromConfigOptions struct {
	// FileName, when set, is the only file name searched for, instead of
	// config.json then project.json (the SDK's _file_name).
	FileName string
	// LocalDir is the folder of the local workspace returned when the config
	// names no Azure workspace, or when no config is found. It overrides the
	// file's "local_dir"; "" means that, else [DefaultLocalDir].
	LocalDir string
	// RequireConfig makes a missing config a [*ConfigNotFoundError], as in the
	// Python SDK, instead of falling back to the local workspace.
	RequireConfig bool
	// Azure says how an Azure workspace reaches Azure: credential, azcore
	// client options (cloud, transport, retries, logging) and api-version.
	// nil means the defaults of [GetOptions]. It is ignored for a local
	// workspace.
	Azure *GetOptions
	// Fetch makes FromConfig read an Azure workspace over ARM before
	// returning, as [Get] does, so that its [Properties] are known and a
	// missing workspace or a failing credential shows up now. Without it
	// FromConfig makes no network call and the first operation that needs
	// Azure reaches it.
	Fetch bool
}

// FromConfig returns the workspace a config.json describes.
//
// path "" means the current folder. When path is a file, it is the config.
// When it is a folder, FromConfig searches, for each of aml_config/,
// .azureml/ and the folder itself (in that order), for config.json then
// project.json in path and each of its parents up to the root; the first
// file found wins. A path that does not exist is an error.
//
// The file is either {"subscription_id", "resource_group",
// "workspace_name"} or {"Id", "Scope": "/subscriptions/S/resourceGroups/R/
// providers/Microsoft.MachineLearningServices/workspaces/W"} (Scope wins
// when both are present). Either gives a workspace of [KindAzure] carrying
// that identity, able to reach Azure with opts.Azure; no network call is
// made unless opts.Fetch is set (then errors are those of [Get]). A file that names no Azure
// workspace, such as {}, {"local": true} or {"local_dir": "ws"}, gives the
// local workspace; "local_dir" is relative to the file's folder. Without
// any config file FromConfig also returns the local workspace, unless
// opts.RequireConfig is set.
//
// Errors: [*ConfigError] for invalid JSON (with line and column), missing
// keys (listed in Missing, with the SDK's message), an invalid Scope or
// workspace name, or contradicting keys such as "local": true beside
// "workspace_name"; [*ConfigNotFoundError] when required and not found.
func FromConfig(ctx context.Context, path string, opts *FromConfigOptions) (*Workspace, error) {
	o := FromConfigOptions{}
	if opts != nil {
		o = *opts
	}
	found, start, err := findConfig(path, o.FileName)
	if err != nil {
		return nil, err
	}
	if found == "" {
		if o.RequireConfig {
			return nil, &ConfigNotFoundError{Dir: start, FileName: orDefault(o.FileName, configFileName)}
		}
		return localFromDirs(ctx, o.LocalDir, "", "")
	}
	w, err := readConfig(ctx, found, o.LocalDir)
	if err != nil || w.kind != KindAzure {
		return w, err
	}
	w.azure = newAzureAccess(o.Azure)
	if o.Fetch {
		return w.Fetch(ctx)
	}
	return w, nil
}

// findConfig returns the config file for path, or "" and the folder where
// the search started.
func findConfig(path, fileName string) (found, start string, err error) {
	abs, err := filepath.Abs(orDefault(path, "."))
	if err != nil {
		return "", "", fmt.Errorf("workspace: config path %s: %w", path, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", "", fmt.Errorf("workspace: config path: %w", err)
	}
	if !fi.IsDir() {
		return abs, "", nil
	}
	files := []string{configFileName, legacyProjectName}
	if fileName != "" {
		files = []string{fileName}
	}
	for _, sub := range searchDirs() {
		for _, file := range files {
			if p := walkUp(abs, sub, file); p != "" {
				return p, abs, nil
			}
		}
	}
	return "", abs, nil
}

// walkUp looks for <d>/<sub>/<file> in dir and each parent of dir.
func walkUp(dir, sub, file string) string {
	for {
		p := filepath.Join(dir, sub, file)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// readConfig reads a config file and returns the workspace it describes.
func readConfig(ctx context.Context, path, localDir string) (*Workspace, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("workspace: read config: %w", err)
	}
	c, err := parseConfig(path, data)
	if err != nil {
		return nil, err
	}
	if c.has(keyScope) {
		return c.fromScope()
	}
	local, localSet, err := c.boolean(keyLocal)
	if err != nil {
		return nil, err
	}
	if c.has(keySubscription) || c.has(keyGroup) || c.has(keyName) || (localSet && !local) {
		return c.fromKeys()
	}
	fileDir, err := c.str(keyLocalDir)
	if err != nil {
		return nil, err
	}
	if c.has(keyLocalDir) && fileDir == "" {
		return nil, c.keyError(keyLocalDir, "must not be empty", nil)
	}
	return localFromDirs(ctx, localDir, fileDir, path)
}

// localFromDirs opens the local workspace in the first folder set among
// the caller's, the config file's (relative to that file) and the default.
func localFromDirs(ctx context.Context, optDir, fileDir, configPath string) (*Workspace, error) {
	dir := optDir
	if dir == "" && fileDir != "" {
		dir = fileDir
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(filepath.Dir(configPath), dir)
		}
	}
	if dir == "" {
		d, err := DefaultLocalDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	return openLocal(ctx, dir, configPath)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
