package compute

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/conda"
	"github.com/azureml-go/azureml/internal/envcache/envcachetest"
	"github.com/azureml-go/azureml/internal/testenv"
)

func TestRemoteVMCondaEnvironmentBuiltOnceLoopback(t *testing.T) {
	py := testenv.LookPath(t, "python3")
	stub := envcachetest.Install(t, "conda", py, "0")
	lb := newLoopback(t)
	vm := lb.vm("vm1")
	newJob := func(id string, pip ...string) *Job {
		job := newTestJob(t, id, map[string]string{"s.py": "import sys, os\nprint('prefix', os.environ['CONDA_PREFIX'] == sys.prefix)\n"}, "s.py")
		job.Config.Environment.Python.UserManagedDependencies = false
		deps, err := conda.New(&conda.Options{PipPackages: pip})
		require.NoError(t, err)
		job.Config.Environment.Python.Conda = deps
		job.Config.Environment.EnvironmentVariables = map[string]string{"PATH": stub.Dir + ":/usr/bin:/bin"}
		return job
	}
	for i, id := range []string{"run_c1", "run_c2"} {
		job := newJob(id, "requests")
		require.NoError(t, vm.Start(t.Context(), job))
		var log bytes.Buffer
		_, st, err := vm.Follow(t.Context(), job, 0, &log)
		require.NoError(t, err)
		require.Equal(t, JobCompleted, st.State, log.String())
		require.Contains(t, log.String(), "prefix True")
		if i == 0 {
			require.Contains(t, log.String(), "built with "+stub.Path)
		} else {
			require.Contains(t, log.String(), "reused from the cache (conda not invoked)")
		}
	}
	require.Len(t, stub.Calls(t), 1, "conda ran once for two runs with the same dependencies")

	err := vm.Start(t.Context(), newJob("run_c3", envcachetest.FailPackage))
	var be *EnvironmentBuildError
	require.ErrorAs(t, err, &be)
	require.Contains(t, be.Error(), "ResolvePackageNotFound")
}
