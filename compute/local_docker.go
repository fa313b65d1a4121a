package compute

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
)

// dockerLaunch runs the script in the configuration's base image through
// a docker-compatible CLI, with the run's working folder mounted at
// [ContainerWorkDir] (environment values that are paths under it are
// rewritten to match) and job.RunDir mounted at its own path (so values
// that are paths under it, such as a metrics file, hold unchanged).
func (l *Local) dockerLaunch(ctx context.Context, job *Job, wd string, env map[string]string) (*launch, error) {
	py := job.Config.Environment.Python
	if !py.UserManagedDependencies {
		return nil, &UnsupportedError{Target: "the local target", What: "docker with a system-managed Python environment",
			Hint: "set python.user_managed_dependencies: true and use a base image that has the packages"}
	}
	d := job.Config.Environment.Docker
	if d.BaseImage == "" {
		return nil, &UnsupportedError{Target: "the local target", What: "docker without a base image", Hint: "set docker.base_image"}
	}
	cli, err := findEngine(ctx, l.opts.ContainerCLI, l.opts.ContainerGlobalArgs)
	if err != nil {
		return nil, err
	}
	interp := py.InterpreterPath
	if interp == "" {
		interp = "python"
	}
	names := slices.Sorted(maps.Keys(env))
	spec := &containerSpec{
		name:        ContainerName(job.RunID),
		hostWorkDir: wd,
		runDir:      job.RunDir,
		image:       d.BaseImage,
		shmSize:     d.ShmSize,
		gpu:         d.GPUSupport,
		envNames:    names,
		globalArgs:  slices.Clone(l.opts.ContainerGlobalArgs),
		runArgs:     append(slices.Clone(l.opts.ContainerRunArgs), d.Arguments...),
		command:     append([]string{interp, job.Script}, job.Arguments...),
	}
	for _, n := range names {
		env[n] = inContainer(env[n], wd)
	}
	info := EnvironmentInfo{Mode: "docker", Interpreter: interp, Tool: cli}
	return &launch{argv: spec.runArgv(cli), env: env, info: info, container: spec, cli: cli}, nil
}

// inContainer rewrites a value that is a path under the host working
// folder wd into the same path under [ContainerWorkDir]; other values are
// returned as they are.
func inContainer(value, wd string) string {
	if value == wd {
		return ContainerWorkDir
	}
	if rest, ok := strings.CutPrefix(value, wd+string(filepath.Separator)); ok {
		return ContainerWorkDir + "/" + filepath.ToSlash(rest)
	}
	return value
}

// mergeMaps returns a new map with a's entries, then b's.
func mergeMaps(a, b map[string]string) map[string]string {
	out := maps.Clone(a)
	if out == nil {
		out = map[string]string{}
	}
	maps.Copy(out, b)
	return out
}

// UnsupportedError reports a run configuration or an operation that a
// target or workspace cannot take.
type UnsupportedError struct {
	// Target names what refuses it ("the local target", "the remote
	// target"); "" when the refusal is not a target's.
	Target string
	// What names the unsupported setting or operation.
	What string
	// Hint says what to do instead.
	Hint string
}

// Error implements error.
func (e *UnsupportedError) Error() string {
	if e.Target == "" {
		return fmt.Sprintf("compute: %s is not supported: %s", e.What, e.Hint)
	}
	return fmt.Sprintf("compute: %s does not support %s: %s", e.Target, e.What, e.Hint)
}

// InterpreterError reports a Python interpreter that is not on PATH.
type InterpreterError struct {
	Interpreter string
	// Path is the PATH searched.
	Path string
}

// Error implements error.
func (e *InterpreterError) Error() string {
	return fmt.Sprintf("compute: interpreter %q not found on PATH %q "+
		"(set python.interpreter_path to an interpreter that exists)", e.Interpreter, e.Path)
}
