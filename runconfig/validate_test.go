package runconfig

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestValidateDefaultsAndFixtures(t *testing.T) {
	require.NoError(t, New().Validate())
}

func TestValidateFields(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(rc *RunConfiguration)
		field  string // "" = valid
		reason string
	}{
		{"node count 0", func(rc *RunConfiguration) { rc.NodeCount = 0 }, "node_count", "must be >= 1"},
		{"node count on local", func(rc *RunConfiguration) { rc.NodeCount = 2 }, "node_count", `must be 1 on the "local" target`},
		{"node count on cluster", func(rc *RunConfiguration) { rc.NodeCount, rc.Target = 4, "cpu-cluster" }, "", ""},
		{"negative duration", func(rc *RunConfiguration) { rc.MaxRunDurationSeconds = -1 }, "max_run_duration_seconds", "must be >= 0 (0 means no limit)"},
		{"unknown framework", func(rc *RunConfiguration) { rc.Framework = "Caffe" }, "framework", "must be one of Python, PySpark, CNTK, TensorFlow, PyTorch"},
		{"framework any case", func(rc *RunConfiguration) { rc.Framework = "pyspark" }, "", ""},
		{"unknown communicator", func(rc *RunConfiguration) { rc.Communicator = "" }, "communicator", "must be one of None, ParameterServer, OpenMpi, IntelMpi, Gloo, Nccl"},
		{"parameter server needs tensorflow", func(rc *RunConfiguration) { rc.Communicator = CommunicatorParameterServer }, "communicator", "needs the TensorFlow framework, not Python"},
		{"parameter server with tensorflow", func(rc *RunConfiguration) {
			rc.Framework, rc.Communicator = FrameworkTensorFlow, CommunicatorParameterServer
		}, "", ""},
		{"parameter server without workers", func(rc *RunConfiguration) {
			rc.Framework, rc.Communicator, rc.TensorFlow.WorkerCount = FrameworkTensorFlow, CommunicatorParameterServer, 0
		}, "tensorflow.worker_count", "must be >= 1"},
		{"gloo needs pytorch", func(rc *RunConfiguration) { rc.Communicator = CommunicatorGloo }, "communicator", "needs the PyTorch framework, not Python"},
		{"nccl with pytorch", func(rc *RunConfiguration) { rc.Framework, rc.Communicator = FrameworkPyTorch, CommunicatorNccl }, "", ""},
		{"pyspark needs none", func(rc *RunConfiguration) {
			rc.Framework, rc.Communicator = FrameworkPySpark, CommunicatorIntelMpi
		}, "communicator", "must be None with the PySpark framework (Spark distributes the work)"},
		{"mpi processes", func(rc *RunConfiguration) {
			rc.Communicator, rc.MPI.ProcessCountPerNode = CommunicatorOpenMpi, 0
		}, "mpi.process_count_per_node", "must be >= 1"},
		{"target underscore", func(rc *RunConfiguration) { rc.Target = "my_cluster" }, "target", "must be 3 to 24 letters, digits or hyphens and start with a letter"},
		{"target too long", func(rc *RunConfiguration) { rc.Target = "abcdefghijklmnopqrstuvwxy" }, "target", "must be 3 to 24 letters, digits or hyphens and start with a letter"},
		{"target 16 chars", func(rc *RunConfiguration) { rc.Target = "abcdefghijklmnop" }, "", ""},
		{"target 24 characters", func(rc *RunConfiguration) { rc.Target = "gpu-cluster-eastus-train" }, "", ""},
		{"target ending in a hyphen", func(rc *RunConfiguration) { rc.Target = "cpu-" }, "", ""},
		{"target digits end", func(rc *RunConfiguration) { rc.Target = "cluster-01" }, "target", "must not end with a hyphen followed by digits"},
		{"target empty", func(rc *RunConfiguration) { rc.Target = "" }, "target", `must name a compute target ("local" for this machine)`},
		{"amlcompute without size", func(rc *RunConfiguration) { rc.Target = TargetAmlCompute }, "amlcompute.vm_size", `must be set to create a cluster for the run (target "amlcompute")`},
		{"amlcompute with size", func(rc *RunConfiguration) { rc.Target, rc.AmlCompute.VMSize = TargetAmlCompute, "STANDARD_D2_V2" }, "", ""},
		{"vm priority", func(rc *RunConfiguration) { rc.AmlCompute.VMPriority = "spot" }, "amlcompute.vm_priority", "must be one of dedicated, lowpriority"},
		{"cluster name", func(rc *RunConfiguration) { rc.AmlCompute.Name = "9lives" }, "amlcompute.name", "must be 3 to 24 letters, digits or hyphens and start with a letter"},
		{"yarn mode", func(rc *RunConfiguration) { rc.HDI.YarnDeployMode = "yarn" }, "hdi.yarn_deploy_mode", "must be one of cluster, client"},
		{"shm size", func(rc *RunConfiguration) { rc.Environment.Docker.ShmSize = "2gb" }, "environment.docker.shm_size", "must be a number followed by b, k, m or g (e.g. 2g)"},
		{"docker image", func(rc *RunConfiguration) { rc.Environment.Docker.Enabled, rc.Environment.Docker.BaseImage = true, "" }, "environment.docker.base_image", "must be set when docker is enabled"},
		{"env var name", func(rc *RunConfiguration) { rc.Environment.EnvironmentVariables["1BAD"] = "x" }, "environment.environment_variables", "is not a valid variable name (letters, digits and underscores, not starting with a digit)"},
		{"interpreter", func(rc *RunConfiguration) {
			rc.Environment.Python.UserManagedDependencies, rc.Environment.Python.InterpreterPath = true, ""
		}, "environment.python.interpreter_path", "must be set when user_managed_dependencies is true"},
		{"data reference mode", func(rc *RunConfiguration) {
			rc.DataReferences["in"] = DataReference{DataStoreName: "ws", Mode: "copy"}
		}, "data_references.in.mode", "must be one of mount, download, upload"},
		{"data reference store", func(rc *RunConfiguration) {
			rc.DataReferences["in"] = DataReference{Mode: DataReferenceModeDownload}
		}, "data_references.in.data_store_name", "must name a datastore"},
		{"script escapes", func(rc *RunConfiguration) { rc.Script = "../x.py" }, "script", "must be inside the source directory"},
		{"script absolute", func(rc *RunConfiguration) { rc.Script = "/etc/x.py" }, "script", "must be relative to the source directory"},
		{"spark package", func(rc *RunConfiguration) {
			rc.Environment.Spark.Packages = append(rc.Environment.Spark.Packages, SparkPackage{Group: "g"})
		}, "environment.spark.packages", "package 1 needs a group, an artifact and a version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := New()
			tt.edit(rc)
			err := rc.Validate()
			if tt.field == "" {
				require.NoError(t, err)
				return
			}
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			require.Len(t, verr.Errors, 1, "%v", err)
			require.Equal(t, tt.field, verr.Errors[0].Field)
			require.Equal(t, tt.reason, verr.Errors[0].Reason)
		})
	}
}

func TestValidateReportsAllProblems(t *testing.T) {
	rc := New()
	rc.NodeCount = 0
	rc.MaxRunDurationSeconds = -5
	rc.Environment.Docker.ShmSize = "lots"
	rc.HDI.YarnDeployMode = ""
	err := rc.Validate()

	var verr *ValidationError
	require.ErrorAs(t, err, &verr)
	fields := []string{}
	for _, fe := range verr.Errors {
		fields = append(fields, fe.Field)
	}
	require.Equal(t, []string{"node_count", "max_run_duration_seconds", "environment.docker.shm_size", "hdi.yarn_deploy_mode"}, fields)
	require.Equal(t, `runconfig: 4 problems:
  node_count 0: must be >= 1
  max_run_duration_seconds -5: must be >= 0 (0 means no limit)
  environment.docker.shm_size "lots": must be a number followed by b, k, m or g (e.g. 2g)
  hdi.yarn_deploy_mode "": must be one of cluster, client`, err.Error())

	var fe *FieldError
	require.True(t, errors.As(err, &fe))
	require.Equal(t, "node_count", fe.Field)
	require.Equal(t, "runconfig: node_count 0: must be >= 1", fe.Error())
}

func TestValidateNeverShowsPassword(t *testing.T) {
	rc := New()
	rc.Environment.Docker.BaseImageRegistry.Password = NewSecret("hunter2")
	err := rc.Validate()
	require.Error(t, err)
	for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", rc), fmt.Sprintf("%#v", rc)} {
		require.NotContains(t, s, "hunter2")
	}
	require.Contains(t, err.Error(), "environment.docker.base_image_registry.address: must be set when a username or password is")
	require.Contains(t, err.Error(), "environment.docker.base_image_registry.username: must be set when a password is")
}

func TestValidateLoadedFilesInTheirProject(t *testing.T) {
	dir := copyTree(t, "late")
	require.NoError(t, os.Remove(filepath.Join(dir, ".azureml", "conda_dependencies.yml")))
	require.NoError(t, os.Remove(filepath.Join(dir, "train.py")))
	rc, err := Load(dir, "train")
	require.NoError(t, err)
	var verr *ValidationError
	require.ErrorAs(t, rc.Validate(), &verr)
	require.Len(t, verr.Errors, 2)
	require.Equal(t, "script", verr.Errors[0].Field)
	require.Equal(t, "does not exist in the source directory "+dir, verr.Errors[0].Reason)
	require.Equal(t, "environment.python.conda_dependencies_file", verr.Errors[1].Field)
	require.Equal(t, ".azureml/conda_dependencies.yml", verr.Errors[1].Value)
}
