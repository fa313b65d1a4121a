package runconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/azureml-go/azureml/conda"
)

// The folders of a project that hold run configurations, as the Python
// SDK names them: aml_config (SDK 1.0.x) wins when it exists, else .azureml.
const (
	ConfigDir       = ".azureml"
	LegacyConfigDir = "aml_config"
	// Extension is the file extension of run configurations.
	Extension = ".runconfig"
	// CondaFileName is the conda file Save writes beside the run
	// configurations when CondaDependenciesFile is empty.
	CondaFileName = "conda_dependencies.yml"
)

// Marshal returns rc as a .runconfig YAML document, keys in the SDK's
// order and camelCase spelling. For a RunConfiguration read from a file,
// the file's comments, key order, scalar spelling and unknown keys are
// kept. Environment.Python.Conda, when set, is written inline as
// condaDependencies (as the SDK serializes a run configuration);
// [RunConfiguration.Save] writes it to its own file instead. The registry
// password is never written.
func (rc *RunConfiguration) Marshal() ([]byte, error) {
	fresh, err := rc.node()
	if err != nil {
		return nil, err
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{fresh}}
	if rc.doc != nil {
		doc.HeadComment, doc.LineComment, doc.FootComment = rc.doc.HeadComment, rc.doc.LineComment, rc.doc.FootComment
		doc.Content[0] = merge(rc.doc.Content[0], fresh, "")
	}
	doc.Content[0] = spellNulls(doc.Content[0], false)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("runconfig: write yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("runconfig: write yaml: %w", err)
	}
	return buf.Bytes(), nil
}

// configDirName returns the folder of dir that holds run configurations:
// aml_config when it exists, else .azureml.
func configDirName(dir string) string {
	if fi, err := os.Stat(filepath.Join(dir, LegacyConfigDir)); err == nil && fi.IsDir() {
		return LegacyConfigDir
	}
	return ConfigDir
}

func fileName(name string) string {
	if strings.HasSuffix(name, Extension) {
		return name
	}
	return name + Extension
}

func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return &FieldError{Field: "name", Value: name, Reason: "must be a file name (no path separators)"}
	}
	return nil
}

// Save writes rc as <dir>/.azureml/<name>.runconfig, or into
// <dir>/aml_config/ when that folder exists, as the Python SDK does, and
// returns the path written. dir is the project (source) directory; the
// name gets the .runconfig extension unless it has it.
//
// The conda dependencies are written to their own file and referenced from
// environment.python.condaDependenciesFile, a path relative to dir with
// forward slashes: the existing reference when there is one, else
// "<config dir>/conda_dependencies.yml" (shared by every run configuration
// of the project, as in the SDK). When Environment.Python.Conda is nil no
// conda file is written and the reference is kept as it is. Files are
// written atomically (temporary file and rename). rc itself is not
// modified.
//
// Save takes no context: it writes a few small local files.
func (rc *RunConfiguration) Save(dir, name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	cfgDir := configDirName(dir)
	if err := os.MkdirAll(filepath.Join(dir, cfgDir), 0o755); err != nil {
		return "", fmt.Errorf("runconfig: %w", err)
	}
	c := rc.Clone()
	py := &c.Environment.Python
	if py.Conda != nil {
		if py.CondaDependenciesFile == "" {
			py.CondaDependenciesFile = path.Join(cfgDir, CondaFileName)
		}
		data, err := py.Conda.Marshal()
		if err != nil {
			return "", fmt.Errorf("runconfig: environment.python.conda_dependencies: %w", err)
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(py.CondaDependenciesFile)), data); err != nil {
			return "", err
		}
		py.Conda = nil // written to its file, not inline
	}
	data, err := c.Marshal()
	if err != nil {
		return "", err
	}
	target := filepath.Join(dir, cfgDir, fileName(name))
	return target, writeFile(target, data)
}

// writeFile replaces path atomically: a crash leaves the old file or the
// new one, never a part of either.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("runconfig: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return fmt.Errorf("runconfig: %w", err)
	}
	_, werr := tmp.Write(data)
	if err := errors.Join(werr, tmp.Sync(), tmp.Close()); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("runconfig: write %s: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("runconfig: %w", err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("runconfig: %w", err)
	}
	return nil
}

// Load reads the run configuration name of the project directory dir,
// looking where the Python SDK looks, in order: <dir>/aml_config/<name>
// and <dir>/.azureml/<name>, each as given and with .runconfig appended,
// then <dir>/<name>.runconfig. The conda file it references is read
// (relative to dir) into Environment.Python.Conda when it exists; a
// missing one is reported by Validate, not here.
//
// A missing configuration is an error matching fs.ErrNotExist; a malformed
// one is a *[ParseError] naming the file, line and key.
func Load(dir, name string) (*RunConfiguration, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	var tried []string
	for _, sub := range []string{LegacyConfigDir, ConfigDir} {
		for _, n := range []string{name, fileName(name)} {
			tried = append(tried, filepath.Join(dir, sub, n))
		}
	}
	tried = append(tried, filepath.Join(dir, fileName(name)))
	for _, p := range tried {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return load(p, dir)
		}
	}
	return nil, fmt.Errorf("runconfig: no run configuration %q in %s (looked for %s): %w",
		name, dir, strings.Join(tried, ", "), fs.ErrNotExist)
}

// LoadFile reads the .runconfig file at path. The project directory, to
// which condaDependenciesFile is relative, is the folder holding the
// .azureml or aml_config folder the file is in, or else the file's folder.
func LoadFile(path string) (*RunConfiguration, error) {
	dir := filepath.Dir(path)
	if b := filepath.Base(dir); b == ConfigDir || b == LegacyConfigDir {
		dir = filepath.Dir(dir)
	}
	return load(path, dir)
}

func load(file, dir string) (*RunConfiguration, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("runconfig: %w", err)
	}
	rc, err := decoder{file: file}.parse(data)
	if err != nil {
		return nil, err
	}
	rc.baseDir = dir
	py := &rc.Environment.Python
	if py.CondaDependenciesFile == "" {
		return rc, nil
	}
	condaPath := filepath.Join(dir, filepath.FromSlash(py.CondaDependenciesFile))
	if _, err := os.Stat(condaPath); err != nil {
		return rc, nil // reported by Validate
	}
	deps, err := conda.Load(condaPath)
	if err != nil {
		return nil, &ParseError{File: file, Key: "environment.python.condaDependenciesFile",
			Reason: err.Error(), Err: err}
	}
	py.Conda = deps
	return rc, nil
}
