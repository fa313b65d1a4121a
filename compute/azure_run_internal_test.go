package compute

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/conda"
	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/runconfig"
)

func TestShellQuoteRoundTripsThroughSh(t *testing.T) {
	args := []string{"plain", "with space", "it's", `"double"`, "$HOME", "${{inputs.x}}", "a;b|c&d", "", "back\\slash", "*.py", "new\nline"}
	cmd := "printf '%s\\0'"
	for _, a := range args {
		cmd += " " + shellQuote(a)
	}
	require.NotContains(t, cmd, "${{", "the service must find nothing to substitute")
	out, err := exec.CommandContext(t.Context(), "sh", "-c", cmd).Output()
	require.NoError(t, err)
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	require.Equal(t, args, got)
}

func TestJobState(t *testing.T) {
	for _, tc := range []struct {
		in   arm.JobStatus
		want JobState
	}{
		{arm.JobStatusNotStarted, JobNotStarted}, {arm.JobStatusQueued, JobQueued},
		{arm.JobStatusStarting, JobPreparing}, {arm.JobStatusProvisioning, JobPreparing}, {arm.JobStatusPreparing, JobPreparing},
		{arm.JobStatusRunning, JobRunning}, {arm.JobStatusFinalizing, JobFinalizing}, {arm.JobStatusCancelRequested, JobFinalizing},
		{arm.JobStatusCompleted, JobCompleted}, {arm.JobStatusFailed, JobFailed}, {arm.JobStatusNotResponding, JobFailed},
		{arm.JobStatusCanceled, JobCanceled}, {arm.JobStatusPaused, JobCanceled}, {arm.JobStatusUnknown, JobNotStarted},
	} {
		require.Equal(t, tc.want, jobState(tc.in), tc.in)
		require.Equal(t, tc.in.Terminal(), tc.want.Terminal(), tc.in)
	}
}

func TestPollIntervalFollowsAzureMLFormula(t *testing.T) {
	r := &AzureRunner{opts: AzureRunOptions{PollMin: 2 * time.Second, PollMax: 60 * time.Second}}
	for _, tc := range []struct {
		t    time.Duration
		want time.Duration
	}{
		{0, 2 * time.Second},                 // 60/101 < 2
		{92 * time.Second, 30 * time.Second}, // the formula's midpoint is near 92 s
		{10 * time.Minute, 60 * time.Second}, // saturates at the max
		{60 * time.Second, 10 * time.Second}, // 60 / (1 + 100·e^-3) = 10.04
	} {
		require.InDelta(t, float64(tc.want), float64(r.pollInterval(tc.t)), float64(time.Second), tc.t)
	}
}

func TestJobBody(t *testing.T) {
	rc := runconfig.New()
	rc.Communicator = runconfig.CommunicatorParameterServer
	rc.TensorFlow.WorkerCount, rc.TensorFlow.ParameterServerCount = 3, 1
	rc.NodeCount, rc.MaxRunDurationSeconds = 2, 3600
	rc.Environment.EnvironmentVariables = map[string]string{"A": "1", "B": "2"}
	job := &Job{RunID: "exp_1_abc", Experiment: "exp", Script: "train.py", Arguments: []string{"--lr", "0.1 0.2"},
		Config: rc, Env: map[string]string{"B": "job", "AZUREML_RUN_ID": "exp_1_abc"}}
	b, err := json.Marshal(jobBody(job, "code", "env", "cpu", &JobMetadata{Tags: map[string]string{"t": "v"}}))
	require.NoError(t, err)
	require.JSONEq(t, `{"properties":{"jobType":"Command","displayName":"exp_1_abc","experimentName":"exp",
		"computeId":"cpu","command":"mkdir -p outputs logs && exec python train.py --lr '0.1 0.2'","codeId":"code","environmentId":"env",
		"environmentVariables":{"A":"1","B":"job","AZUREML_RUN_ID":"exp_1_abc"},"tags":{"t":"v"},
		"distribution":{"distributionType":"TensorFlow","workerCount":3,"parameterServerCount":1},
		"limits":{"jobLimitsType":"Command","timeout":"PT3600S"},"resources":{"instanceCount":2}}}`, string(b))

	for _, tc := range []struct {
		c    runconfig.Communicator
		want *arm.Distribution
	}{
		{runconfig.CommunicatorNone, nil},
		{runconfig.CommunicatorOpenMpi, &arm.Distribution{DistributionType: arm.DistributionMpi, ProcessCountPerInstance: 1}},
		{runconfig.CommunicatorIntelMpi, &arm.Distribution{DistributionType: arm.DistributionMpi, ProcessCountPerInstance: 1}},
		{runconfig.CommunicatorNccl, &arm.Distribution{DistributionType: arm.DistributionPyTorch, ProcessCountPerInstance: 1}},
	} {
		rc := runconfig.New()
		rc.Communicator = tc.c
		require.Equal(t, tc.want, distributionFor(rc), tc.c)
	}
}

func TestEnvironmentForIsNamedByContent(t *testing.T) {
	r := &AzureRunner{opts: AzureRunOptions{Image: DefaultAzureImage}}
	version := func(edit func(*runconfig.RunConfiguration)) (*arm.EnvironmentVersion, string) {
		rc := runconfig.New()
		if edit != nil {
			edit(rc)
		}
		env, v, err := r.environmentFor(rc)
		require.NoError(t, err)
		return env, v
	}
	base, v0 := version(nil)
	require.Equal(t, DefaultAzureImage, base.Properties.Image)
	require.Contains(t, base.Properties.CondaFile, "dependencies:", "system-managed: the conda file goes with the image")
	_, again := version(nil)
	require.Equal(t, v0, again, "the same environment has the same version")

	um, v1 := version(func(rc *runconfig.RunConfiguration) { rc.Environment.Python.UserManagedDependencies = true })
	require.Empty(t, um.Properties.CondaFile)
	dk, v2 := version(func(rc *runconfig.RunConfiguration) {
		rc.Environment.Docker.Enabled, rc.Environment.Docker.BaseImage = true, "example.azurecr.io/train:1"
	})
	require.Equal(t, "example.azurecr.io/train:1", dk.Properties.Image)
	_, v3 := version(func(rc *runconfig.RunConfiguration) {
		d := conda.SDKDefaults()
		require.NoError(t, d.AddPipPackage("numpy==2.0.0"))
		rc.Environment.Python.Conda = d
	})
	require.Len(t, map[string]bool{v0: true, v1: true, v2: true, v3: true}, 4, "each change is a new version")
}

func TestDefaultOutput(t *testing.T) {
	raw := json.RawMessage(`{"jobOutputType":"uri_folder","uri":"azureml://datastores/mystore/paths/ExperimentRun/dcid.x/"}`)
	ds, prefix := defaultOutput(&arm.Job{Name: "x", Properties: &arm.JobProperties{Outputs: map[string]json.RawMessage{"default": raw}}})
	require.Equal(t, "mystore", ds)
	require.Equal(t, "ExperimentRun/dcid.x/", prefix)
	ds, prefix = defaultOutput(&arm.Job{Name: "y", Properties: &arm.JobProperties{}})
	require.Equal(t, "workspaceblobstore", ds)
	require.Equal(t, "ExperimentRun/dcid.y/", prefix)
}

func TestPendingUploadIDIsStablePerContent(t *testing.T) {
	h := strings.Repeat("ab", 32)
	require.Equal(t, "abababab-abab-abab-abab-abababababab", pendingUploadID(h))
	require.Equal(t, pendingUploadID(h), pendingUploadID(h))
	require.Equal(t, "src", uploadPrefix("/tmp/has space"))
	require.Equal(t, "train", uploadPrefix("/home/user/train"))
}
