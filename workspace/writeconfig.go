package workspace

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteConfigOptions configures [Workspace.WriteConfig]. A nil
// *WriteConfigOptions means defaults.
type WriteConfigOptions struct {
	// FileName is the config file's name; ".json" is appended when it lacks
	// it. "" means project.json when that file already exists in the config
	// folder (the SDK's rule against having both), else config.json.
	FileName string
}

// azureConfig is the late SDK's config.json form (b).
type azureConfig struct {
	ID    *string `json:"Id"`
	Scope string  `json:"Scope"`
}

// localConfig is the config.json of a local workspace.
type localConfig struct {
	Local    bool   `json:"local"`
	LocalDir string `json:"local_dir"`
}

// WriteConfig writes the workspace's config file so that [FromConfig] reads
// the same workspace back, and returns the file's path. As the Python SDK,
// it writes into <dir>/aml_config/ when that folder exists, else into
// <dir>/.azureml/ (created); dir "" means the current folder. An Azure
// workspace is written as {"Id": null, "Scope": <its ARM id>}; a local one
// as {"local": true, "local_dir": <its absolute folder>}. The file is
// replaced atomically.
func (w *Workspace) WriteConfig(ctx context.Context, dir string, opts *WriteConfigOptions) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	configDir, err := configDirFor(orDefault(dir, "."))
	if err != nil {
		return "", err
	}
	name, err := configFileFor(configDir, opts)
	if err != nil {
		return "", err
	}
	var doc any = azureConfig{Scope: w.ID()}
	if w.IsLocal() {
		doc = localConfig{Local: true, LocalDir: w.localDir}
	}
	data, _ := json.MarshalIndent(doc, "", "  ")
	path := filepath.Join(configDir, name)
	if err := writeFileAtomic(path, append(data, '\n')); err != nil {
		return "", fmt.Errorf("workspace: could not write the config file to: %s: %w", path, err)
	}
	return path, nil
}

// configDirFor picks and creates <dir>/aml_config or <dir>/.azureml.
func configDirFor(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("workspace: write config: %w", err)
	}
	configDir := filepath.Join(abs, amlConfigDir)
	if fi, err := os.Stat(configDir); err != nil || !fi.IsDir() {
		configDir = filepath.Join(abs, azuremlDir)
	}
	if err := os.MkdirAll(configDir, 0o755); err != nil {
		return "", fmt.Errorf("workspace: could not write the config file to: %s: %w", configDir, err)
	}
	return configDir, nil
}

// configFileFor returns the file name to write in configDir.
func configFileFor(configDir string, opts *WriteConfigOptions) (string, error) {
	if opts == nil || opts.FileName == "" {
		if _, err := os.Stat(filepath.Join(configDir, legacyProjectName)); err == nil {
			return legacyProjectName, nil
		}
		return configFileName, nil
	}
	name := opts.FileName
	if name != filepath.Base(name) || name == "." || name == ".." || strings.ContainsRune(name, '/') {
		return "", &ValidationError{Field: "file_name", Value: name, Reason: "must be a file name, not a path"}
	}
	if !strings.HasSuffix(name, ".json") {
		name += ".json"
	}
	return name, nil
}

// writeFileAtomic replaces path with data via a synced temporary file in
// the same folder, then syncs the folder.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(f.Name())
		}
	}()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if err = errors.Join(err, f.Close()); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}
