package arm_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// liveEmulator starts Azurite and an emulator whose workspace stores its
// blobs there, with an AmlCompute cluster "cpu" ready for jobs.
func liveEmulator(t *testing.T) (*arm.Client, *workspacetest.Server, arm.WorkspaceID) {
	t.Helper()
	az := azuritetest.Start(t)
	c, s, ws := newEmulator(t, &workspacetest.Options{
		Storage:           &workspacetest.BlobStorage{ServiceURL: az.ServiceURL, AccountName: azuritetest.AccountName, AccountKey: azuritetest.AccountKey},
		ProvisioningDelay: 10 * time.Millisecond, NodeStartDelay: 10 * time.Millisecond,
		JobStateDelay: 10 * time.Millisecond, RetryAfter: time.Second,
	}, nil)
	res := &arm.ComputeResource{Location: "eastus", Properties: &arm.Compute{ComputeType: arm.ComputeTypeAmlCompute,
		Properties: &arm.AmlComputeProperties{VMSize: "STANDARD_D2_V2", ScaleSettings: &arm.ScaleSettings{MaxNodeCount: 2}}}}
	p, err := c.BeginCreateOrUpdateCompute(t.Context(), ws, "cpu", res, nil)
	require.NoError(t, err)
	_, err = p.PollUntilDone(t.Context(), &runtime.PollUntilDoneOptions{Frequency: 50 * time.Millisecond})
	require.NoError(t, err)
	return c, s, ws
}

// uploadCode puts files in a fresh pending upload and creates code
// version name:1 with content hash hash.
func uploadCode(t *testing.T, c *arm.Client, ws arm.WorkspaceID, name, hash string, files map[string]string) *arm.CodeVersion {
	t.Helper()
	pu, err := c.StartPendingUpload(t.Context(), ws, name, "1", "")
	require.NoError(t, err)
	sas := pu.BlobReference.Credential.SASURI
	require.NotContains(t, fmt.Sprintf("%v %+v %#v %s", sas, pu, pu, sas), "sig=", "a SAS prints redacted")
	cc, err := container.NewClientWithNoCredential(sas.Reveal(), nil)
	require.NoError(t, err)
	for p, body := range files {
		_, err := cc.NewBlockBlobClient("src/"+p).UploadBuffer(t.Context(), []byte(body), nil)
		require.NoError(t, err)
	}
	v, err := c.CreateOrUpdateCodeVersion(t.Context(), ws, name, "1", &arm.CodeVersion{Properties: &arm.CodeVersionProperties{
		CodeURI: pu.BlobReference.BlobURI + "/src", IsAnonymous: true,
		Properties: map[string]string{arm.PropertyHashSHA256: hash, arm.PropertyHashVersion: "202208"}}})
	require.NoError(t, err)
	return v
}

func TestAssetsJobsAndRunHistory(t *testing.T) {
	c, s, ws := liveEmulator(t)
	ctx := t.Context()
	code := uploadCode(t, c, ws, "code1", "aaaa", map[string]string{"run.sh": "echo one; echo two; sleep 0.2; echo three\n"})
	require.Equal(t, ws.CodeVersionID("code1", "1"), code.ID)

	t.Run("hash filter finds a version whatever its name", func(t *testing.T) {
		for _, tc := range []struct {
			hash string
			want int
		}{{"aaaa", 1}, {"bbbb", 0}} {
			pager := c.NewListCodeVersionsPager(ws, "other-name", &arm.ListCodeVersionsOptions{Hash: tc.hash, HashVersion: "202208"})
			var got []arm.CodeVersion
			for pager.More() {
				page, err := pager.NextPage(ctx)
				require.NoError(t, err)
				got = append(got, page.Value...)
			}
			require.Len(t, got, tc.want, tc.hash)
		}
		r := requestsTo(s, "GET", "/codes/other-name/versions")
		require.Equal(t, "aaaa", r[0].Query.Get("hash"))
	})

	t.Run("environment version is reused when unchanged", func(t *testing.T) {
		body := &arm.EnvironmentVersion{Properties: &arm.EnvironmentVersionProperties{Image: "mcr.microsoft.com/azureml/base:latest", CondaFile: condaText}}
		for range 2 {
			env, err := c.CreateOrUpdateEnvironmentVersion(ctx, ws, "env", "h1", body)
			require.NoError(t, err)
			require.Equal(t, ws.EnvironmentVersionID("env", "h1"), env.ID)
		}
		got, err := c.GetEnvironmentVersion(ctx, ws, "env", "h1")
		require.NoError(t, err)
		require.Equal(t, condaText, got.Properties.CondaFile)
	})

	t.Run("default datastore and its secret", func(t *testing.T) {
		ds, err := c.GetDefaultDatastore(ctx, ws)
		require.NoError(t, err)
		require.Equal(t, "workspaceblobstore", ds.Name)
		require.True(t, strings.HasPrefix(ds.Properties.ServiceURL(), "http://127.0.0.1:"), ds.Properties.ServiceURL())
		sec, err := c.ListDatastoreSecrets(ctx, ws, ds.Name)
		require.NoError(t, err)
		require.Equal(t, azuritetest.AccountKey, sec.Key.Reveal())
		require.NotContains(t, fmt.Sprintf("%v %+v %#v", sec, *sec, sec), azuritetest.AccountKey)
	})

	t.Run("command job runs and its log is read by offset", func(t *testing.T) {
		job := commandJob(ws, code.ID, "sh run.sh")
		created, err := c.CreateOrUpdateJob(ctx, ws, "job1", job)
		require.NoError(t, err)
		require.NotEmpty(t, created.Properties.StudioURL())
		put := requestsTo(s, "PUT", "/jobs/job1")
		require.Contains(t, string(put[0].Body), `"distribution":{"distributionType":"PyTorch","processCountPerInstance":1}`)
		require.Contains(t, string(put[0].Body), `"limits":{"jobLimitsType":"Command","timeout":"PT10M"}`)
		rh, err := c.NewRunHistory(ctx, ws)
		require.NoError(t, err)
		d := waitRun(t, c, rh, ws, "job1")
		require.Equal(t, arm.JobStatusCompleted, d.Status)
		u := d.LogFiles["user_logs/std_log.txt"]
		require.NotEmpty(t, u)
		require.NotContains(t, fmt.Sprintf("%v", d), "sig=")
		var all, tail bytes.Buffer
		n, err := rh.ReadLog(ctx, u, 0, &all)
		require.NoError(t, err)
		require.Equal(t, "one\ntwo\nthree\n", all.String())
		_, err = rh.ReadLog(ctx, u, 4, &tail)
		require.NoError(t, err)
		require.Equal(t, "two\nthree\n", tail.String())
		m, err := rh.ReadLog(ctx, u, n, &tail)
		require.NoError(t, err)
		require.Zero(t, m, "past the end reads nothing")
	})

	t.Run("cancel follows Location until the job ended", func(t *testing.T) {
		_, err := c.CreateOrUpdateJob(ctx, ws, "job2", commandJob(ws, code.ID, "sleep 30"))
		require.NoError(t, err)
		require.Eventually(t, func() bool {
			j, err := c.GetJob(ctx, ws, "job2")
			return err == nil && j.Properties.Status == arm.JobStatusRunning
		}, 20*time.Second, 50*time.Millisecond)
		p, err := c.BeginCancelJob(ctx, ws, "job2", nil)
		require.NoError(t, err)
		_, err = p.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: 100 * time.Millisecond})
		require.NoError(t, err)
		j, err := c.GetJob(ctx, ws, "job2")
		require.NoError(t, err)
		require.Equal(t, arm.JobStatusCanceled, j.Properties.Status)
		pager := c.NewListJobsPager(ws, &arm.ListJobsOptions{JobType: arm.JobTypeCommand})
		page, err := pager.NextPage(ctx)
		require.NoError(t, err)
		require.Len(t, page.Value, 2)
	})
}

func commandJob(ws arm.WorkspaceID, codeID, command string) *arm.Job {
	return &arm.Job{Properties: &arm.JobProperties{
		JobType: arm.JobTypeCommand, DisplayName: "t", ExperimentName: "exp", Command: command,
		CodeID: codeID, EnvironmentID: ws.EnvironmentVersionID("env", "h1"), ComputeID: ws.ComputeID("cpu"),
		EnvironmentVariables: map[string]string{"A": "1"},
		Distribution:         &arm.Distribution{DistributionType: arm.DistributionPyTorch, ProcessCountPerInstance: 1},
		Limits:               &arm.CommandJobLimits{JobLimitsType: "Command", Timeout: "PT10M"},
		Resources:            &arm.JobResourceConfiguration{InstanceCount: 1},
	}}
}

// waitRun polls run details until the run has ended.
func waitRun(t *testing.T, c *arm.Client, rh *arm.RunHistory, ws arm.WorkspaceID, id string) *arm.RunDetails {
	t.Helper()
	var d *arm.RunDetails
	require.Eventually(t, func() bool {
		var err error
		d, err = rh.GetRunDetails(t.Context(), id)
		require.NoError(t, err)
		return d.Status.Terminal()
	}, 30*time.Second, 50*time.Millisecond)
	return d
}

const condaText = "name: x\ndependencies:\n- python=3.10\n"
