package workspacetest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// liveEnv is a server on the real clock whose storage is a real Azurite,
// so jobs run.
type liveEnv struct {
	*env
	az *azuritetest.Server
}

func storageOf(az *azuritetest.Server) *workspacetest.BlobStorage {
	return &workspacetest.BlobStorage{ServiceURL: az.ServiceURL, AccountName: azuritetest.AccountName, AccountKey: azuritetest.AccountKey}
}

func newLiveEnv(t *testing.T) *liveEnv {
	t.Helper()
	az := sharedAzurite(t)
	s := workspacetest.NewServer(&workspacetest.Options{Storage: storageOf(az), ProvisioningDelay: 50 * time.Millisecond,
		NodeStartDelay: 300 * time.Millisecond, JobStateDelay: 20 * time.Millisecond, RetryAfter: time.Second})
	t.Cleanup(s.Close)
	tok, err := s.Credential().GetToken(t.Context(), policyOptions())
	require.NoError(t, err)
	return &liveEnv{env: &env{t: t, s: s, token: tok.Token}, az: az}
}

// shared is the one Azurite the live tests use (starting one takes seconds
// on a loaded machine); each test's server gets its own containers.
var shared struct {
	once sync.Once
	az   *azuritetest.Server
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.az != nil {
		_ = shared.az.Close()
	}
	os.Exit(code)
}

func sharedAzurite(t *testing.T) *azuritetest.Server {
	t.Helper()
	shared.once.Do(func() { shared.az, shared.err = azuritetest.Launch(context.Background(), nil) })
	var nf *azuritetest.NotFoundError
	if errors.As(shared.err, &nf) {
		testenv.Missing(t, "azurite-blob", nf.Error())
	}
	require.NoError(t, shared.err)
	return shared.az
}

// eventually polls f every 20ms until it is true or timeout passes.
func eventually(t *testing.T, timeout time.Duration, what string, f func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !f() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cluster creates an AmlCompute (min 0, max nodes) and waits for it.
func (e *liveEnv) cluster(name string, maxNodes int) {
	e.t.Helper()
	r := e.do(http.MethodPut, e.compute(name), amlBody(0, maxNodes, "PT1S"))
	require.Equal(e.t, http.StatusCreated, r.status, "%s", r.raw)
	eventually(e.t, 5*time.Second, "cluster "+name, func() bool {
		return e.do(http.MethodGet, e.compute(name), nil).props(false)["provisioningState"] == "Succeeded"
	})
}

// uploadCode uploads files through a pending upload under "src" and
// creates code version name:1 with hash, returning its ARM id.
func (e *liveEnv) uploadCode(name, hash string, files map[string]string) string {
	e.t.Helper()
	base := e.s.WorkspaceID() + "/codes/" + name + "/versions/1"
	r := e.do(http.MethodPost, base+"/startPendingUpload", map[string]any{"pendingUploadType": "TemporaryBlobReference"})
	require.Equal(e.t, http.StatusOK, r.status, "%s", r.raw)
	ref := r.body["blobReferenceForConsumption"].(map[string]any)
	sasURI := ref["credential"].(map[string]any)["sasUri"].(string)
	c, err := container.NewClientWithNoCredential(sasURI, nil)
	require.NoError(e.t, err)
	for p, content := range files {
		_, err := c.NewBlockBlobClient("src/"+p).UploadBuffer(e.t.Context(), []byte(content), nil)
		require.NoError(e.t, err)
	}
	r = e.do(http.MethodPut, base, map[string]any{"properties": map[string]any{
		"codeUri": ref["blobUri"].(string) + "/src", "isAnonymous": true,
		"properties": map[string]string{"hash_sha256": hash, "hash_version": "202208"}}})
	require.Equal(e.t, http.StatusCreated, r.status, "%s", r.raw)
	return base
}

// environment creates an image + conda environment version, returning its id.
func (e *env) environment(name, version string) string {
	e.t.Helper()
	id := e.s.WorkspaceID() + "/environments/" + name + "/versions/" + version
	r := e.do(http.MethodPut, id, envBody("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest", condaYAML))
	require.Contains(e.t, []int{http.StatusCreated, http.StatusOK}, r.status, "%s", r.raw)
	return id
}

const condaYAML = "name: project\ndependencies:\n  - python=3.11\n  - pip:\n    - numpy\n"

func envBody(image, conda string) map[string]any {
	p := map[string]any{}
	if image != "" {
		p["image"] = image
	}
	if conda != "" {
		p["condaFile"] = conda
	}
	return map[string]any{"properties": p}
}

// commandJob is a Command job body.
func commandJob(command, codeID, envID, computeID string) map[string]any {
	return map[string]any{"properties": map[string]any{
		"jobType": "Command", "command": command, "codeId": codeID, "environmentId": envID,
		"computeId": computeID, "experimentName": "exp", "displayName": "train",
		"environmentVariables": map[string]string{"GREETING": "hello"},
		"resources":            map[string]any{"instanceCount": 1},
		"limits":               map[string]any{"jobLimitsType": "Command", "timeout": "PT2M"},
	}}
}

func (e *env) job(name string) string { return e.s.WorkspaceID() + "/jobs/" + name }

func (e *env) status(name string) string {
	s, _ := e.do(http.MethodGet, e.job(name), nil).props(false)["status"].(string)
	return s
}

// details GETs the run history details of run.
func (e *env) details(run string) response {
	return e.do(http.MethodGet, "/history/v1.0"+e.s.WorkspaceID()+"/runs/"+run+"/details?", nil)
}

// userLog downloads the user log through its logFiles SAS URL ("" when
// there is none yet).
func (e *env) userLog(run string) string {
	e.t.Helper()
	files, _ := e.details(run).body["logFiles"].(map[string]any)
	u, _ := files["user_logs/std_log.txt"].(string)
	if u == "" {
		return ""
	}
	require.False(e.t, strings.HasPrefix(u, e.s.URL()), "logFiles point at storage")
	resp, err := http.Get(u) //nolint:noctx // a plain GET of a SAS URL, as a client does
	require.NoError(e.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	require.Equal(e.t, http.StatusOK, resp.StatusCode, "%s", b)
	return string(b)
}

// waitStatus waits until the job reaches want, recording every status seen.
func (e *env) waitStatus(name, want string, timeout time.Duration) []string {
	e.t.Helper()
	var seen []string
	eventually(e.t, timeout, "job "+name+" "+want, func() bool {
		st := e.status(name)
		if len(seen) == 0 || seen[len(seen)-1] != st {
			seen = append(seen, st)
		}
		return st == want
	})
	return seen
}
