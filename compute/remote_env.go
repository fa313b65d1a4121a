package compute

import (
	"context"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// remoteLaunch is how RemoteVM starts a job: in a docker container, with
// the configured interpreter (user-managed), or in a conda environment
// built and cached on the host (system-managed).
func (v *RemoteVM) remoteLaunch(ctx context.Context, conn remoteConn, job *Job, dir string, env map[string]string, log io.Writer) (*launch, error) {
	start := time.Now()
	py := job.Config.Environment.Python
	var la *launch
	var err error
	switch {
	case job.Config.Environment.Docker.Enabled:
		la, err = remoteDockerLaunch(ctx, conn, job, dir, env)
	case py.UserManagedDependencies:
		la, err = remoteUserLaunch(ctx, conn, job, env, v.core.interpreter(), log)
	default:
		la, err = v.core.remoteCondaLaunch(ctx, conn, job, dir, env, log)
	}
	if err != nil {
		return nil, err
	}
	la.info.Seconds = time.Since(start).Seconds()
	fmt.Fprintf(log, "azureml-go: environment: %s on %s\n", describe(la.info), v.core.host.Address)
	return la, nil
}

// interpreter is the host's default interpreter: the one checked at attach.
func (c *sshCore) interpreter() string {
	if c.host.Interpreter != "" {
		return c.host.Interpreter
	}
	return "python3"
}

// remoteUserLaunch runs the configured interpreter as is. The SDK's
// default "python" falls back to the host's interpreter (python3 unless
// the attach named another) when the host has no "python".
func remoteUserLaunch(ctx context.Context, sh runfolder.Shell, job *Job, env map[string]string, hostDefault string, log io.Writer) (*launch, error) {
	interp := job.Config.Environment.Python.InterpreterPath
	cands := []string{interp}
	if interp == "" || interp == "python" {
		cands = []string{"python", hostDefault}
	}
	found, err := lookRemote(ctx, sh, cands, env["PATH"])
	if err != nil {
		return nil, err
	}
	if found.name != cands[0] {
		fmt.Fprintf(log, "azureml-go: %q not found on the host's PATH; using %q (%s) "+
			"(set python.interpreter_path to choose)\n", cands[0], found.name, found.path)
	}
	argv := append([]string{found.path, job.Script}, job.Arguments...)
	return &launch{argv: argv, env: env, info: EnvironmentInfo{Mode: "user-managed", Interpreter: found.path}}, nil
}

// remoteProgram is a program found on the host.
type remoteProgram struct{ name, path string }

// lookRemote finds the first of names on the host's PATH (pathList when
// not empty, as the script will see it). A name with a slash is checked
// as is. None found is an *[InterpreterError] that names the PATH searched.
func lookRemote(ctx context.Context, sh runfolder.Shell, names []string, pathList string) (*remoteProgram, error) {
	var b strings.Builder
	if pathList != "" {
		b.WriteString("PATH=" + shQuote(pathList) + "; export PATH; ")
	}
	b.WriteString("for c in")
	for _, n := range names {
		b.WriteString(" " + shQuote(n))
	}
	b.WriteString(`; do p=$(command -v "$c" 2>/dev/null) && [ -x "$p" ] && { printf 'found %s\n%s\n' "$c" "$p"; exit 0; }; done; printf 'missing\n%s\n' "$PATH"`)
	out, err := sh.Run(ctx, b.String())
	if err != nil {
		return nil, fmt.Errorf("compute: look up %s on the host: %w", strings.Join(names, ", "), err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) == 2 && strings.HasPrefix(lines[0], "found ") {
		return &remoteProgram{name: strings.TrimPrefix(lines[0], "found "), path: lines[1]}, nil
	}
	searched := ""
	if len(lines) == 2 {
		searched = lines[1]
	}
	return nil, &InterpreterError{Interpreter: strings.Join(names, " or "), Path: searched}
}

// remoteDockerLaunch runs the script in the base image with the host's
// docker or podman CLI, as the local target does: the working folder is
// mounted at [ContainerWorkDir], the folder that stands for the local run
// folder at its own path. Only the command line is built here; it has not
// been run against a container engine on a remote host (the podman of the
// test machine needs global arguments that SSHOptions does not carry).
func remoteDockerLaunch(ctx context.Context, sh runfolder.Shell, job *Job, dir string, env map[string]string) (*launch, error) {
	py := job.Config.Environment.Python
	d := job.Config.Environment.Docker
	switch {
	case !py.UserManagedDependencies:
		return nil, &UnsupportedError{Target: "the remote target", What: "docker with a system-managed Python environment",
			Hint: "set python.user_managed_dependencies: true and use a base image that has the packages"}
	case d.BaseImage == "":
		return nil, &UnsupportedError{Target: "the remote target", What: "docker without a base image", Hint: "set docker.base_image"}
	}
	cli, err := lookRemote(ctx, sh, ContainerCLIs(), "")
	if err != nil {
		return nil, &NoEngineError{Tried: []string{"docker, podman: not on the host's PATH"}}
	}
	interp := py.InterpreterPath
	if interp == "" {
		interp = "python"
	}
	wd := path.Join(dir, runfolder.WorkDir)
	names := slices.Sorted(maps.Keys(env))
	spec := &containerSpec{
		name: ContainerName(job.RunID), hostWorkDir: wd, runDir: path.Join(dir, remoteRunDirCopy),
		image: d.BaseImage, shmSize: d.ShmSize, gpu: d.GPUSupport, envNames: names,
		runArgs: slices.Clone(d.Arguments),
		command: append([]string{interp, job.Script}, job.Arguments...),
	}
	for _, n := range names {
		env[n] = inContainer(env[n], wd)
	}
	info := EnvironmentInfo{Mode: "docker", Interpreter: interp, Tool: cli.path}
	return &launch{argv: spec.runArgv(cli.path), env: env, info: info, container: spec, cli: cli.path}, nil
}
