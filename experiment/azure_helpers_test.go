package experiment_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// sharedAzurite is the one Azurite the Azure tests use (starting one takes
// seconds on a loaded machine); each test's emulator gets its own
// containers. TestMain stops it.
var sharedAzurite struct {
	once sync.Once
	az   *azuritetest.Server
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedAzurite.az != nil {
		_ = sharedAzurite.az.Close()
	}
	os.Exit(code)
}

func azurite(t *testing.T) *azuritetest.Server {
	t.Helper()
	sharedAzurite.once.Do(func() {
		sharedAzurite.az, sharedAzurite.err = azuritetest.Launch(context.Background(), nil)
	})
	var nf *azuritetest.NotFoundError
	if errors.As(sharedAzurite.err, &nf) {
		testenv.Missing(t, "azurite-blob", nf.Error())
	}
	require.NoError(t, sharedAzurite.err)
	return sharedAzurite.az
}

// azureEnv is an emulated Azure workspace with real blob storage and a
// ready AmlCompute cluster "cpu-cluster"; runs are recorded in a
// temporary cache folder.
type azureEnv struct {
	s       *workspacetest.Server
	ws      *workspace.Workspace
	cluster *compute.AmlCompute
	exp     *experiment.Experiment
}

func newAzureEnv(t *testing.T) *azureEnv {
	t.Helper()
	t.Setenv(experiment.AzureCacheEnv, t.TempDir())
	az := azurite(t)
	s := workspacetest.NewServer(&workspacetest.Options{
		Storage:           &workspacetest.BlobStorage{ServiceURL: az.ServiceURL, AccountName: azuritetest.AccountName, AccountKey: azuritetest.AccountKey},
		ProvisioningDelay: 50 * time.Millisecond, NodeStartDelay: 100 * time.Millisecond,
		JobStateDelay: 50 * time.Millisecond, RetryAfter: time.Second,
	})
	t.Cleanup(s.Close)
	o := &workspace.GetOptions{Credential: s.Credential()}
	o.ClientOptions.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: s.URL(), Audience: "https://management.azure.com"},
	}}
	o.ClientOptions.Transport = s.Client()
	o.ClientOptions.Retry.RetryDelay = 10 * time.Millisecond
	sub := strings.Split(s.WorkspaceID(), "/")[2]
	ws, err := workspace.Get(t.Context(), sub, "rg", "ws1", o)
	require.NoError(t, err)
	op, err := compute.CreateAmlCompute(t.Context(), ws, "cpu-cluster", &compute.AmlComputeProvisioningConfig{VMSize: "STANDARD_D2_V2", MaxNodes: 2})
	require.NoError(t, err)
	cluster, err := op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err)
	exp, err := experiment.New(ws, "train")
	require.NoError(t, err)
	return &azureEnv{s: s, ws: ws, cluster: cluster, exp: exp}
}

// runner returns a runner of the cluster that polls fast and reports
// its uploads to reports.
func (e *azureEnv) runner(t *testing.T, reports *[]compute.UploadReport, edit func(*compute.AzureRunOptions)) *compute.AzureRunner {
	t.Helper()
	o := &compute.AzureRunOptions{PollMin: 50 * time.Millisecond, PollMax: 200 * time.Millisecond,
		StateDir: filepath.Join(t.TempDir(), "uploads"), OnUpload: func(r compute.UploadReport) { *reports = append(*reports, r) }}
	if edit != nil {
		edit(o)
	}
	r, err := compute.NewAzureRunner(e.ws, e.cluster, o)
	require.NoError(t, err)
	return r
}

// pyConfig runs script in dir with python3 on target.
func pyConfig(dir, script, target string, args ...string) *runconfig.ScriptRunConfig {
	rc := runconfig.New()
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = "python3"
	rc.Target = target
	return &runconfig.ScriptRunConfig{SourceDirectory: dir, Script: script, Arguments: args, RunConfig: rc}
}

// copyTree copies the files of src into a new temporary folder.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	require.NoError(t, filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		require.NoError(t, os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755))
		out, err := os.Create(filepath.Join(dst, rel))
		if err != nil {
			return err
		}
		_, err = io.Copy(out, in)
		return errors.Join(err, out.Close())
	}))
	return dst
}

// requestsMatching counts the emulator's requests with method whose path
// contains part.
func requestsMatching(s *workspacetest.Server, method, part string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method == method && strings.Contains(r.Path, part) {
			n++
		}
	}
	return n
}
