package compute

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// ContainerWorkDir is where a docker run's working folder (the snapshot,
// ./outputs and ./logs) is mounted inside the container, and the
// container's working directory.
const ContainerWorkDir = "/azureml-run"

// ContainerCLIs are the docker-compatible CLIs looked for on PATH, in order.
func ContainerCLIs() []string { return []string{"docker", "podman"} }

// engineProbeTimeout bounds each `<cli> version` probe.
const engineProbeTimeout = 20 * time.Second

// findEngine returns the path of a container CLI that answers `version`
// with an engine: cli when set, else the first of [ContainerCLIs] that
// does. A docker client with no daemon fails `version`, so it is passed
// over. globalArgs go before the subcommand (e.g. podman's --root).
func findEngine(ctx context.Context, cli string, globalArgs []string) (string, error) {
	names := ContainerCLIs()
	if cli != "" {
		names = []string{cli}
	}
	e := &NoEngineError{}
	for _, n := range names {
		path, err := exec.LookPath(n)
		if err != nil {
			e.Tried = append(e.Tried, n+": not on PATH")
			continue
		}
		if problem := probeEngine(ctx, path, globalArgs); problem != "" {
			e.Tried = append(e.Tried, fmt.Sprintf("%s: `%s version` failed: %s", n, path, problem))
			continue
		}
		return path, nil
	}
	return "", e
}

// probeEngine runs `<path> <globalArgs> version` and returns "" when it
// succeeds, or the first line of what went wrong.
func probeEngine(ctx context.Context, path string, globalArgs []string) string {
	ctx, cancel := context.WithTimeout(ctx, engineProbeTimeout)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, path, append(append([]string{}, globalArgs...), "version")...)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n"); line != "" {
			return line
		}
		return err.Error()
	}
	return ""
}

// ContainerName is the name the local target gives the container of a
// docker run: "azureml-" and the run id, with characters a container name
// cannot hold replaced by "_".
func ContainerName(runID string) string {
	b := []byte("azureml-" + runID)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '.' || c == '-'
		if !ok {
			b[i] = '_'
		}
	}
	return string(b)
}

// containerSpec is what a docker run needs besides the CLI.
type containerSpec struct {
	name        string
	hostWorkDir string
	runDir      string // mounted at the same path, so host paths under it hold
	image       string
	shmSize     string
	gpu         bool
	envNames    []string // passed with -e NAME: values come from the CLI's environment
	globalArgs  []string
	runArgs     []string // LocalOptions.ContainerRunArgs, then the config's arguments
	command     []string // interpreter, script and arguments
}

// runArgv returns the argv of `<cli> run` for s.
func (s *containerSpec) runArgv(cli string) []string {
	argv := append([]string{cli}, s.globalArgs...)
	// --init puts a small init first in the container, which forwards
	// signals: a canceled script stops as it would on the host, instead
	// of ignoring SIGTERM as a process 1 does.
	argv = append(argv, "run", "--rm", "--init", "--name", s.name,
		"-v", s.hostWorkDir+":"+ContainerWorkDir, "-w", ContainerWorkDir)
	if s.runDir != "" {
		argv = append(argv, "-v", s.runDir+":"+s.runDir)
	}
	for _, n := range s.envNames {
		argv = append(argv, "-e", n)
	}
	if s.shmSize != "" {
		argv = append(argv, "--shm-size", s.shmSize)
	}
	if s.gpu {
		argv = append(argv, "--gpus", "all")
	}
	argv = append(argv, s.runArgs...)
	argv = append(argv, s.image)
	return append(argv, s.command...)
}

// removeContainer force-removes the container name (stopping it first).
// A container that no longer exists is not an error.
func removeContainer(ctx context.Context, cli string, globalArgs []string, name string) error {
	args := append(append([]string{}, globalArgs...), "rm", "-f", "--ignore", "--time", "0", name)
	if strings.Contains(cli, "docker") {
		args = append(append([]string{}, globalArgs...), "rm", "-f", name)
	}
	out, err := exec.CommandContext(ctx, cli, args...).CombinedOutput()
	if err != nil && !strings.Contains(strings.ToLower(string(out)), "no such container") {
		return fmt.Errorf("compute: remove container %s: %w: %s", name, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// NoEngineError reports that no docker-compatible CLI with a working
// engine was found for a docker run.
type NoEngineError struct {
	// Tried says, per CLI, why it was passed over.
	Tried []string
}

// Error implements error.
func (e *NoEngineError) Error() string {
	return "compute: no container engine: " + strings.Join(e.Tried, "; ") +
		" (install podman, or start a docker daemon, or set LocalOptions.ContainerCLI)"
}
