package compute

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/azureml-go/azureml/conda"
	"github.com/azureml-go/azureml/internal/envcache"
	"github.com/azureml-go/azureml/runconfig"
)

// EnvironmentInfo says how the local target prepared a run's environment.
// Local.Start saves it in the run folder; read it with [Local.Environment].
type EnvironmentInfo struct {
	// Mode is "user-managed", "system-managed" or "docker".
	Mode string `json:"mode"`
	// Interpreter is the Python interpreter that runs the script (inside
	// the container for docker).
	Interpreter string `json:"interpreter"`
	// Hash is the conda environment's content hash (system-managed).
	Hash string `json:"hash,omitempty"`
	// Built is true when conda ran for this run, false when the
	// environment came from the cache (system-managed).
	Built bool `json:"built,omitempty"`
	// Tool is the conda-compatible tool that built it, or the container CLI.
	Tool string `json:"tool,omitempty"`
	// Seconds is how long preparing the environment took.
	Seconds float64 `json:"seconds"`
}

// launch is how a job's script is started.
type launch struct {
	argv []string
	// env is added to the environment the supervisor inherits from this
	// process: the configuration's variables, then the job's, then the
	// environment's own (PATH of a conda environment).
	env  map[string]string
	info EnvironmentInfo
	// container and cli are set for docker runs.
	container *containerSpec
	cli       string
}

// resolve prepares the job's environment: it picks the interpreter, builds
// a conda environment or finds a container engine, and writes what it did
// to log (the driver log).
func (l *Local) resolve(ctx context.Context, job *Job, wd string, log io.Writer) (*launch, error) {
	start := time.Now()
	env := mergeMaps(configEnv(job.Config), job.Env)
	var la *launch
	var err error
	py := job.Config.Environment.Python
	switch {
	case job.Config.Environment.Docker.Enabled:
		la, err = l.dockerLaunch(ctx, job, wd, env)
	case py.UserManagedDependencies:
		la, err = userLaunch(job, env, log)
	default:
		la, err = l.condaLaunch(ctx, job, env, log)
	}
	if err != nil {
		return nil, err
	}
	la.info.Seconds = time.Since(start).Seconds()
	fmt.Fprintf(log, "azureml-go: environment: %s\n", describe(la.info))
	return la, nil
}

// describe is the driver-log line about an environment.
func describe(i EnvironmentInfo) string {
	s := fmt.Sprintf("%s, interpreter %s", i.Mode, i.Interpreter)
	switch {
	case i.Mode == "system-managed" && i.Built:
		s += fmt.Sprintf(", conda environment %s built with %s", i.Hash, i.Tool)
	case i.Mode == "system-managed":
		s += fmt.Sprintf(", conda environment %s reused from the cache (conda not invoked)", i.Hash)
	case i.Mode == "docker":
		s += ", container CLI " + i.Tool
	}
	return s + fmt.Sprintf(", prepared in %.3fs", i.Seconds)
}

// userLaunch runs the configured interpreter as is.
func userLaunch(job *Job, env map[string]string, log io.Writer) (*launch, error) {
	interp := job.Config.Environment.Python.InterpreterPath
	if interp == "" {
		interp = "python"
	}
	path, err := findInterpreter(interp, envValue(env, "PATH"), log)
	if err != nil {
		return nil, err
	}
	argv := append([]string{path, job.Script}, job.Arguments...)
	return &launch{argv: argv, env: env, info: EnvironmentInfo{Mode: "user-managed", Interpreter: path}}, nil
}

// findInterpreter looks name up on pathList. A missing "python" falls back
// to "python3", saying so in log, as python3-only systems are common.
func findInterpreter(name, pathList string, log io.Writer) (string, error) {
	if strings.ContainsRune(name, filepath.Separator) {
		return name, nil
	}
	if p, ok := lookPathIn(name, pathList); ok {
		return p, nil
	}
	if name == "python" {
		if p, ok := lookPathIn("python3", pathList); ok {
			fmt.Fprintf(log, "azureml-go: %q not found on PATH; using %q (%s) "+
				"(set python.interpreter_path to choose)\n", name, "python3", p)
			return p, nil
		}
	}
	return "", &InterpreterError{Interpreter: name, Path: pathList}
}

// lookPathIn finds an executable called name in the folders of pathList.
func lookPathIn(name, pathList string) (string, bool) {
	for _, dir := range filepath.SplitList(pathList) {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p, true
		}
	}
	return "", false
}

// condaLaunch builds (or reuses) the run's conda environment and runs its python.
func (l *Local) condaLaunch(ctx context.Context, job *Job, env map[string]string, log io.Writer) (*launch, error) {
	deps, err := condaDeps(job)
	if err != nil {
		return nil, err
	}
	st, err := l.stores.get(ctx, l.stateDir)
	if err != nil {
		return nil, fmt.Errorf("compute: local target: %w", err)
	}
	cache := envcache.New(filepath.Join(l.stateDir, "envs"), st.Lock,
		&envcache.Options{Command: l.opts.CondaCommand, Output: log})
	e, err := cache.Ensure(ctx, deps)
	if err != nil {
		return nil, envError(err)
	}
	bin := filepath.Join(e.Prefix, "bin")
	env = mergeMaps(env, map[string]string{
		"PATH":              bin + string(os.PathListSeparator) + envValue(env, "PATH"),
		"CONDA_PREFIX":      e.Prefix,
		"CONDA_DEFAULT_ENV": e.Prefix,
	})
	argv := append([]string{e.Python, job.Script}, job.Arguments...)
	info := EnvironmentInfo{Mode: "system-managed", Interpreter: e.Python, Hash: e.Hash, Built: e.Built, Tool: e.Tool}
	return &launch{argv: argv, env: env, info: info}, nil
}

// condaDeps returns the job's conda dependencies: those in the run
// configuration, else its conda_dependencies_file read from the source
// folder, else the SDK's default environment.
func condaDeps(job *Job) (*conda.Dependencies, error) {
	py := job.Config.Environment.Python
	if py.Conda != nil {
		return py.Conda, nil
	}
	if py.CondaDependenciesFile != "" && job.SourceDir != "" {
		p := filepath.Join(job.SourceDir, filepath.FromSlash(py.CondaDependenciesFile))
		if _, err := os.Stat(p); err == nil {
			d, err := conda.Load(p)
			if err != nil {
				return nil, fmt.Errorf("compute: local target: %w", err)
			}
			return d, nil
		}
	}
	return conda.SDKDefaults(), nil
}

// envValue returns the value key will have for the script: from env, else
// from this process's environment.
func envValue(env map[string]string, key string) string {
	if v, ok := env[key]; ok {
		return v
	}
	return os.Getenv(key)
}

// configEnv is the configuration's environment variables (never nil).
func configEnv(rc *runconfig.RunConfiguration) map[string]string {
	if rc.Environment.EnvironmentVariables == nil {
		return map[string]string{}
	}
	return rc.Environment.EnvironmentVariables
}

// envError turns envcache's errors into this package's.
func envError(err error) error {
	var nt *envcache.NoToolError
	if errors.As(err, &nt) {
		return &NoCondaError{Looked: nt.Looked}
	}
	var be *envcache.BuildError
	if errors.As(err, &be) {
		return &EnvironmentBuildError{Hash: be.Hash, Tool: be.Tool, Err: be.Err}
	}
	return fmt.Errorf("compute: local target: %w", err)
}

// NoCondaError reports that a system-managed environment needs conda and
// none of conda, mamba or micromamba is on PATH.
type NoCondaError struct {
	// Looked lists the names looked up on PATH.
	Looked []string
}

// Error implements error.
func (e *NoCondaError) Error() string {
	return fmt.Sprintf("compute: system-managed environment: no conda-compatible tool on PATH (looked for %s); "+
		"install conda, mamba or micromamba, or use a user-managed environment "+
		"(python.user_managed_dependencies: true, python.interpreter_path: your python)",
		strings.Join(e.Looked, ", "))
}

// EnvironmentBuildError reports a conda environment that failed to build.
// Nothing of the failed build is reused.
type EnvironmentBuildError struct {
	// Hash is the environment's content hash.
	Hash string
	// Tool is the conda-compatible tool that failed.
	Tool string
	// Err says how (with the end of the tool's output).
	Err error
}

// Error implements error.
func (e *EnvironmentBuildError) Error() string {
	return fmt.Sprintf("compute: build of conda environment %s with %s failed: %v", e.Hash, e.Tool, e.Err)
}

// Unwrap returns the underlying failure.
func (e *EnvironmentBuildError) Unwrap() error { return e.Err }
