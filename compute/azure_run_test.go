package compute_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// TestAzureRunnerOnAttachedVM runs a job on a VM attached to an Azure
// workspace as a command job: Start, Follow from the start and again
// from an offset, Status, and CollectOutputs into the run folder.
func TestAzureRunnerOnAttachedVM(t *testing.T) {
	az := azuritetest.Start(t)
	ws, s := azureWorkspace(t, &workspacetest.Options{ProvisioningDelay: 50 * time.Millisecond, JobStateDelay: 20 * time.Millisecond,
		Storage: &workspacetest.BlobStorage{ServiceURL: az.ServiceURL, AccountName: azuritetest.AccountName, AccountKey: azuritetest.AccountKey}})
	op, err := compute.Attach(t.Context(), ws, "my-vm", &compute.VirtualMachineAttachConfig{
		ResourceID: "/subscriptions/" + subscriptionOf(s) + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
		Address:    "10.0.0.4", Username: "azureuser", Password: "pw"})
	require.NoError(t, err)
	vm, err := op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err)
	var reports []compute.UploadReport
	r, err := compute.NewAzureRunner(ws, vm, &compute.AzureRunOptions{PollMin: 20 * time.Millisecond, PollMax: 100 * time.Millisecond,
		StateDir: t.TempDir(), OnUpload: func(u compute.UploadReport) { reports = append(reports, u) }})
	require.NoError(t, err)
	require.Equal(t, compute.KindVirtualMachine, r.Kind())

	src := t.TempDir()
	script := "import os\nprint('hello from', os.environ['AZUREML_RUN_ID'])\nopen('outputs/result.txt', 'w').write('42')\n"
	require.NoError(t, os.WriteFile(filepath.Join(src, "job.py"), []byte(script), 0o644))
	man, err := snapshot.Take(t.Context(), src, nil)
	require.NoError(t, err)
	rc := runconfig.New()
	rc.Target = "my-vm"
	rc.Environment.Python.UserManagedDependencies, rc.Environment.Python.InterpreterPath = true, "python3"
	job := &compute.Job{RunID: "exp_1_0000abcd", Experiment: "exp", SourceDir: src, Snapshot: man, Config: rc,
		Script: "job.py", Env: map[string]string{"AZUREML_RUN_ID": "exp_1_0000abcd"}, RunDir: t.TempDir()}
	require.NoError(t, r.Start(t.Context(), job))
	require.Len(t, reports, 1)
	require.Equal(t, int64(len(script)), reports[0].BytesSent)

	var log bytes.Buffer
	next, st, err := r.Follow(t.Context(), job, 0, &log)
	require.NoError(t, err)
	require.Equal(t, compute.JobCompleted, st.State, st.Error)
	require.Equal(t, "hello from exp_1_0000abcd\n", log.String())
	require.Equal(t, int64(log.Len()), next)
	var tail bytes.Buffer
	_, _, err = r.Follow(t.Context(), job, 6, &tail)
	require.NoError(t, err)
	require.Equal(t, "from exp_1_0000abcd\n", tail.String())

	require.NoError(t, r.CollectOutputs(t.Context(), job))
	b, err := os.ReadFile(filepath.Join(job.RunDir, "outputs", "result.txt"))
	require.NoError(t, err)
	require.Equal(t, "42", string(b))
	b, err = os.ReadFile(filepath.Join(job.RunDir, "logs", "user_logs", "std_log.txt"))
	require.NoError(t, err)
	require.Equal(t, log.String(), string(b))
}
