package compute_test

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/conda"
	"github.com/azureml-go/azureml/internal/envcache/envcachetest"
	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/runconfig"
)

// systemManaged makes a job build a conda environment with packages.
func systemManaged(t *testing.T, packages ...string) func(*runconfig.RunConfiguration) {
	return func(rc *runconfig.RunConfiguration) {
		deps, err := conda.New(nil)
		require.NoError(t, err)
		for _, p := range packages {
			require.NoError(t, deps.AddCondaPackage(p))
		}
		rc.Environment.Python.UserManagedDependencies = false
		rc.Environment.Python.Conda = deps
	}
}

func TestLocalSystemManagedBuildsOnceAndUsesEnvPython(t *testing.T) {
	stub := envcachetest.Install(t, "conda", testenv.LookPath(t, "python3"), "0")
	l := newLocal(t, &compute.LocalOptions{CondaCommand: stub.Path})

	first := newJob(t, nil, systemManaged(t, "python=3.11", "numpy"))
	log1, st := runToEnd(t, l, first)
	require.Equal(t, compute.JobCompleted, st.State, log1)
	info1, err := l.Environment(t.Context(), first)
	require.NoError(t, err)
	require.True(t, info1.Built)
	require.Equal(t, stub.Path, info1.Tool)
	prefix := filepath.Dir(filepath.Dir(info1.Interpreter))
	require.Contains(t, log1, "prefix "+prefix+"\n", "the script ran with the environment's python")
	require.Contains(t, log1, "built with "+stub.Path)
	require.Contains(t, log1, "conda stand-in: created "+prefix, "conda's output goes to the driver log")

	second := newJob(t, nil, systemManaged(t, "numpy", "python=3.11")) // same set, other order
	log2, st := runToEnd(t, l, second)
	require.Equal(t, compute.JobCompleted, st.State, log2)
	info2, err := l.Environment(t.Context(), second)
	require.NoError(t, err)
	require.False(t, info2.Built)
	require.Equal(t, info1.Hash, info2.Hash)
	require.Contains(t, log2, "reused from the cache (conda not invoked)")
	require.Contains(t, log2, "prefix "+prefix+"\n")

	calls := stub.Calls(t)
	require.Len(t, calls, 1)
	require.True(t, strings.HasPrefix(calls[0], "env create --prefix "), calls[0])
}

func TestLocalSystemManagedRacingRunsBuildOnce(t *testing.T) {
	stub := envcachetest.Install(t, "conda", testenv.LookPath(t, "python3"), "0.5")
	l := newLocal(t, &compute.LocalOptions{CondaCommand: stub.Path})
	jobs := []*compute.Job{
		newJob(t, nil, systemManaged(t, "scipy")),
		newJob(t, nil, systemManaged(t, "scipy")),
	}
	jobs[1].RunID += "_b"
	var wg sync.WaitGroup
	errs := make([]error, len(jobs))
	for i, j := range jobs {
		wg.Go(func() { errs[i] = l.Start(t.Context(), j) })
	}
	wg.Wait()
	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	require.Len(t, stub.Calls(t), 1)
	// Both scripts run detached into the test's temporary folders: let
	// them end, or the folders' cleanup races with their last writes
	// ("directory not empty").
	for _, j := range jobs {
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		_, st, err := l.Follow(ctx, j, 0, io.Discard)
		cancel()
		require.NoError(t, err)
		require.Equal(t, compute.JobCompleted, st.State, st.Error)
	}
}

func TestLocalSystemManagedFailedBuild(t *testing.T) {
	stub := envcachetest.Install(t, "conda", testenv.LookPath(t, "python3"), "0")
	l := newLocal(t, &compute.LocalOptions{CondaCommand: stub.Path})
	for i := range 2 {
		job := newJob(t, nil, systemManaged(t, envcachetest.FailPackage))
		err := l.Start(t.Context(), job)
		var be *compute.EnvironmentBuildError
		require.ErrorAs(t, err, &be, "attempt %d", i)
		require.Contains(t, err.Error(), "ResolvePackageNotFound")
	}
	require.Len(t, stub.Calls(t), 2, "a failed build is never reused")
}

func TestLocalSystemManagedWithoutConda(t *testing.T) {
	l := newLocal(t, &compute.LocalOptions{CondaCommand: "azureml-go-no-such-conda"})
	err := l.Start(t.Context(), newJob(t, nil, systemManaged(t, "numpy")))
	var nc *compute.NoCondaError
	require.ErrorAs(t, err, &nc)
	require.Contains(t, err.Error(), "install conda, mamba or micromamba")
	require.Contains(t, err.Error(), "user-managed")
}
