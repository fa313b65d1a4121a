package compute_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/runconfig"
)

// dockerRun makes a job run in the test image.
func dockerRun(rc *runconfig.RunConfiguration) {
	rc.Environment.Docker.Enabled = true
	rc.Environment.Docker.BaseImage = testImage
	rc.Environment.Docker.ShmSize = "64m"
	rc.Environment.Python.InterpreterPath = "python3"
}

// podmanLocal returns a local target driving podman the way this machine
// needs (see the feasibility notes: runc, lowered ulimits, no network).
func podmanLocal(t *testing.T) *compute.Local {
	bin, global := podman(t)
	ensureTestImage(t, bin, global)
	return newLocal(t, &compute.LocalOptions{
		ContainerCLI:        bin,
		ContainerGlobalArgs: global,
		ContainerRunArgs: []string{"--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
			"--network", "none"},
	})
}

func TestLocalDockerRunWithPodman(t *testing.T) {
	l := podmanLocal(t)
	job := newJob(t, nil, dockerRun)
	job.Env["METRICS"] = filepath.Join(job.RunDir, "metrics.jsonl") // as experiment passes it
	log, st := runToEnd(t, l, job)

	require.Equal(t, compute.JobCompleted, st.State, log)
	require.Contains(t, log, "args ['--lr', '0.1']")
	require.Contains(t, log, "env c j")
	require.Contains(t, log, "prefix /usr\n", "the script ran with the image's python")
	require.Contains(t, log, "azureml-go: environment: docker, interpreter python3")
	require.FileExists(t, job.Env["METRICS"], "a host path under RunDir holds in the container")
	require.NoError(t, l.CollectOutputs(t.Context(), job))
	data, err := os.ReadFile(filepath.Join(job.RunDir, "outputs", "model.txt"))
	require.NoError(t, err)
	require.Equal(t, "weights", string(data))
}

func TestLocalDockerCancelRemovesContainer(t *testing.T) {
	l := podmanLocal(t)
	bin, global := podman(t)
	job := newJob(t, map[string]string{"train.py": "import time\nprint('up', flush=True)\ntime.sleep(120)\n"}, dockerRun)
	require.NoError(t, l.Start(t.Context(), job))
	name := compute.ContainerName(job.RunID)
	require.Eventually(t, func() bool {
		out, _ := exec.Command(bin, append(global, "ps", "-q", "--filter", "name="+name)...).Output()
		return len(bytes.TrimSpace(out)) > 0
	}, 30*time.Second, 100*time.Millisecond, "container %s never ran", name)

	require.NoError(t, l.Cancel(t.Context(), job))
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	_, st, err := l.Follow(ctx, job, 0, &bytes.Buffer{})
	require.NoError(t, err)
	require.Equal(t, compute.JobCanceled, st.State)
	out, err := exec.Command(bin, append(global, "ps", "-a", "-q", "--filter", "name="+name)...).Output()
	require.NoError(t, err)
	require.Empty(t, strings.TrimSpace(string(out)), "container %s still exists", name)
}

func TestLocalDockerWithoutEngine(t *testing.T) {
	// A docker client whose daemon is absent, as /usr/local/bin/docker here.
	bin := t.TempDir()
	fake := "#!/bin/sh\necho 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.' >&2\nexit 1\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "docker"), []byte(fake), 0o755))
	l := newLocal(t, nil)
	job := newJob(t, nil, dockerRun)
	t.Setenv("PATH", bin)
	err := l.Start(t.Context(), job)
	var ne *compute.NoEngineError
	require.ErrorAs(t, err, &ne)
	require.Len(t, ne.Tried, 2)
	require.Contains(t, ne.Tried[0], "Cannot connect to the Docker daemon")
	require.Equal(t, "podman: not on PATH", ne.Tried[1])
	require.True(t, strings.HasPrefix(err.Error(), "compute: no container engine: "), err.Error())
}

func TestLocalDockerNeedsUserManagedPython(t *testing.T) {
	l := newLocal(t, nil)
	job := newJob(t, nil, func(rc *runconfig.RunConfiguration) {
		dockerRun(rc)
		rc.Environment.Python.UserManagedDependencies = false
	})
	var ue *compute.UnsupportedError
	require.ErrorAs(t, l.Start(t.Context(), job), &ue)
}
