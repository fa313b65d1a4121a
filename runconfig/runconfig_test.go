package runconfig

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNewHasSDKDefaults(t *testing.T) {
	rc := New()
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"target", rc.Target, "local"},
		{"framework", rc.Framework, FrameworkPython},
		{"communicator", rc.Communicator, Communicator("None")},
		{"node count", rc.NodeCount, 1},
		{"max duration", rc.MaxRunDurationSeconds, 0},
		{"environment name", rc.Environment.Name, "default-environment"},
		{"env vars", rc.Environment.EnvironmentVariables, map[string]string{"EXAMPLE_ENV_VAR": "EXAMPLE_VALUE"}},
		{"interpreter", rc.Environment.Python.InterpreterPath, "python"},
		{"user managed", rc.Environment.Python.UserManagedDependencies, false},
		{"docker enabled", rc.Environment.Docker.Enabled, false},
		{"docker image", rc.Environment.Docker.BaseImage, "mcr.microsoft.com/azureml/base:0.2.4"},
		{"shared volumes", rc.Environment.Docker.SharedVolumes, true},
		{"shm", rc.Environment.Docker.ShmSize, "1g"},
		{"precache", rc.Environment.Spark.PrecachePackages, true},
		{"history", rc.History, History{true, true, []string{"logs"}}},
		{"spark conf", rc.Spark.Configuration["spark.app.name"], "Azure ML Experiment"},
		{"yarn", rc.HDI.YarnDeployMode, YarnDeployModeCluster},
		{"tensorflow", rc.TensorFlow, TensorFlowConfiguration{1, 1}},
		{"mpi", rc.MPI.ProcessCountPerNode, 1},
		{"retain", rc.AmlCompute.RetainCluster, false},
		{"data references", rc.DataReferences, map[string]DataReference{}},
		{"conda python", rc.Environment.Python.Conda.PythonVersion(), "3.8.13"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, tt.got, tt.name)
	}
}

func TestEnumValues(t *testing.T) {
	require.Len(t, FrameworkValues(), 5)
	require.Equal(t, []Communicator{"None", "ParameterServer", "OpenMpi", "IntelMpi", "Gloo", "Nccl"}, CommunicatorValues())
	require.Equal(t, []VMPriority{"dedicated", "lowpriority"}, VMPriorityValues())
	require.Equal(t, []YarnDeployMode{"cluster", "client"}, YarnDeployModeValues())
	require.Equal(t, []DataReferenceMode{"mount", "download", "upload"}, DataReferenceModeValues())
}

func TestCloneIsDeep(t *testing.T) {
	a := New()
	a.DataReferences["in"] = DataReference{DataStoreName: "ws"}
	b := a.Clone()
	require.True(t, a.Equal(b))

	b.Arguments = append(b.Arguments, "x")
	b.Environment.EnvironmentVariables["K"] = "v"
	b.Environment.Spark.Packages[0].Version = "9"
	b.Spark.Configuration["k"] = "v"
	b.DataReferences["out"] = DataReference{}
	b.History.DirectoriesToWatch[0] = "other"
	require.NoError(t, b.Environment.Python.Conda.AddPipPackage("numpy"))

	require.Equal(t, New().Arguments, a.Arguments)
	require.NotContains(t, a.Environment.EnvironmentVariables, "K")
	require.Equal(t, "0.12", a.Environment.Spark.Packages[0].Version)
	require.NotContains(t, a.Spark.Configuration, "k")
	require.NotContains(t, a.DataReferences, "out")
	require.Equal(t, []string{"logs"}, a.History.DirectoriesToWatch)
	require.NotContains(t, a.Environment.Python.Conda.PipPackages(), "numpy")
	require.False(t, a.Equal(b))
}

func TestEqual(t *testing.T) {
	a, b := New(), New()
	b.Arguments = nil
	b.DataReferences = nil
	require.True(t, a.Equal(b), "nil and empty differ")
	b.Environment.Python.Conda = nil
	require.False(t, a.Equal(b), "conda ignored")
	require.False(t, a.Equal(nil))
	require.True(t, (*RunConfiguration)(nil).Equal(nil))
	c := New()
	c.Environment.Docker.BaseImageRegistry.Password = NewSecret("p")
	require.False(t, a.Equal(c), "password ignored")
}

func TestSecretIsRedacted(t *testing.T) {
	s := NewSecret("hunter2")
	reg := ContainerRegistry{Address: "r", Username: "u", Password: s}
	var logs strings.Builder
	slog.New(slog.NewTextHandler(&logs, nil)).Info("registry", "password", s)
	js, err := json.Marshal(reg)
	require.NoError(t, err)
	outputs := []string{
		fmt.Sprint(s), fmt.Sprintf("%v|%+v|%#v|%s|%q|%x", s, s, s, s, s, s),
		fmt.Sprintf("%v %+v %#v", reg, reg, reg), logs.String(), string(js),
	}
	for _, out := range outputs {
		require.NotContains(t, out, "hunter2")
		require.Contains(t, out, "REDACTED")
	}
	require.Equal(t, "hunter2", s.Reveal())
	require.Equal(t, "", fmt.Sprint(Secret{}))
	require.True(t, Secret{}.IsZero())
}
