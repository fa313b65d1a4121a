package main

import (
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// emulated is an amlgo set up to reach an in-process ARM emulator: its
// config.json names the emulator's workspace, and the environment gives
// the endpoint, the emulator's certificate as a CA bundle and a token it
// accepts.
type emulated struct {
	*cli
	srv   *workspacetest.Server
	token string
}

func newEmulated(t *testing.T) *emulated {
	return newEmulatedWith(t, &workspacetest.Options{ProvisioningDelay: time.Second, RetryAfter: time.Second})
}

// newEmulatedWith is newEmulated with an emulator configured by opts.
func newEmulatedWith(t *testing.T, opts *workspacetest.Options) *emulated {
	srv := workspacetest.NewServer(opts)
	t.Cleanup(srv.Close)
	c := newCLI(t)
	tok, err := srv.Credential().GetToken(t.Context(), policy.TokenRequestOptions{Scopes: []string{"https://management.azure.com/.default"}})
	require.NoError(t, err)

	u, err := url.Parse(srv.URL())
	require.NoError(t, err)
	conn, err := tls.Dial("tcp", u.Host, &tls.Config{InsecureSkipVerify: true}) // only to read the test server's certificate
	require.NoError(t, err)
	cert := conn.ConnectionState().PeerCertificates[0]
	require.NoError(t, conn.Close())
	ca := filepath.Join(t.TempDir(), "emulator.pem")
	require.NoError(t, os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o644))

	id := strings.Split(srv.WorkspaceID(), "/")
	cfg := `{"subscription_id": "` + id[2] + `", "resource_group": "` + id[4] + `", "workspace_name": "` + id[8] + `"}`
	require.NoError(t, os.WriteFile(filepath.Join(c.workDir, "config.json"), []byte(cfg), 0o644))
	c.env = []string{envARMEndpoint + "=" + srv.URL(), envCABundle + "=" + ca, envAccessToken + "=" + tok.Token}
	return &emulated{cli: c, srv: srv, token: tok.Token}
}

// sent returns the requests the emulator received since index from.
func (e *emulated) sent(from int) []workspacetest.Request { return e.srv.Requests()[from:] }

// requireOnlyInPut checks that secret travelled in PUT bodies only, at
// least once, and that no output r shows it.
func (e *emulated) requireOnlyInPut(t *testing.T, secret string, from int, rs ...result) {
	t.Helper()
	seen := 0
	for _, r := range e.sent(from) {
		raw := r.Path + "?" + r.Query.Encode() + string(r.Body)
		for _, vs := range r.Header {
			raw += strings.Join(vs, " ")
		}
		if strings.Contains(raw, secret) {
			require.Equal(t, http.MethodPut, r.Method, "the secret went into a %s %s", r.Method, r.Path)
			require.Contains(t, string(r.Body), secret)
			seen++
		}
	}
	require.Positive(t, seen, "the secret was sent")
	for _, r := range rs {
		require.NotContains(t, r.stdout+r.stderr, secret)
	}
}

func TestAzureAmlCompute(t *testing.T) {
	e := newEmulated(t)
	e.env = append(e.env, "ADMIN_PW=Adm1n-s3cret!")

	bad := []struct {
		args []string
		msg  string
	}{
		{[]string{"--name", "cpu"}, "vm_size \"\": must be set, e.g. STANDARD_D2_V2; hint: fix --vm-size"},
		{[]string{"--name", "1cpu", "--vm-size", "Standard_D2_v2"}, "hint: fix --name"},
		{[]string{"--name", "cpu", "--vm-size", "Standard_D2_v2", "--min-nodes", "5", "--max-nodes", "2"}, "hint: fix --min-nodes"},
		{[]string{"--name", "cpu", "--vm-size", "Standard_D2_v2", "--tag", "novalue"}, `--tag "novalue": must be KEY=VALUE`},
	}
	for _, b := range bad {
		r := e.run(append([]string{"computetarget", "create", "amlcompute"}, b.args...)...)
		require.Equal(t, exitUsage, r.code, r.stderr)
		require.Contains(t, r.stderr, b.msg)
	}
	require.Empty(t, e.srv.Requests(), "a bad configuration sends nothing")

	r := e.ok("computetarget", "create", "amlcompute", "--name", "cpu", "--vm-size", "Standard_D2_v2", "--max-nodes", "2",
		"--idle-seconds-before-scaledown", "300", "--admin-username", "azureuser", "--admin-user-password-env", "ADMIN_PW",
		"--tag", "team=ml", "-o", "json")
	require.Regexp(t, `(?m)^creating cpu: Creating \(\d`, r.stderr, "plain progress lines with the elapsed time")
	require.Regexp(t, `(?m)^creating cpu: Succeeded \(\d`, r.stderr)
	require.Contains(t, r.stderr, "cpu: Succeeded, allocation Steady, current nodes 0, target nodes 0")
	golden(t, "amlcompute-create.json", normalize(r.stdout, nil))
	e.requireOnlyInPut(t, "Adm1n-s3cret!", 0, r)

	require.Equal(t, r.stdout, e.ok("computetarget", "show", "cpu", "-o", "json").stdout, "show reads back what create printed")
	golden(t, "azure-computetarget-list.json", normalize(e.ok("computetarget", "list", "-o", "json").stdout, nil))
	require.Contains(t, e.ok("computetarget", "show", "cpu").stdout, "0 to 2, idle 300s before scale-down")

	up := e.ok("computetarget", "update", "cpu", "--max-nodes", "3", "-o", "json")
	var v targetView
	require.NoError(t, json.Unmarshal([]byte(up.stdout), &v))
	require.Equal(t, scaleView{MinNodes: 0, MaxNodes: 3, IdleSecondsBeforeScaleDown: 300}, *v.Scale, "only --max-nodes changed")
	require.Contains(t, up.stderr, "updating cpu: Succeeded (")
	require.Equal(t, exitUsage, e.run("computetarget", "update", "cpu").code, "an update without settings")

	require.NoError(t, e.srv.SetClusterDemand("cpu", 1))
	var nodes []nodeView
	require.NoError(t, json.Unmarshal([]byte(e.ok("computetarget", "list-nodes", "cpu", "-o", "json").stdout), &nodes))
	require.Len(t, nodes, 1)
	require.Contains(t, []string{"preparing", "running"}, nodes[0].State)
	require.NotEmpty(t, nodes[0].NodeID)

	require.Contains(t, e.ok("computetarget", "list-vm-sizes", "-o", "json").stdout, `"name": "Standard_D2_v2"`)

	nw := e.ok("computetarget", "create", "amlcompute", "--name", "gpu", "--vm-size", "Standard_NC6s_v3", "--no-wait", "-o", "json")
	require.Contains(t, nw.stdout, `"provisioning_state": "Creating"`, "--no-wait returns once the creation is accepted")
	require.NotContains(t, nw.stderr, "Succeeded")

	del := e.ok("computetarget", "delete", "cpu", "-o", "json")
	require.JSONEq(t, `{"name": "cpu", "action": "Delete", "done": true}`, del.stdout)
	require.Contains(t, del.stderr, "deleting cpu: Succeeded (")
	gone := e.run("computetarget", "show", "cpu")
	require.Equal(t, exitNotFound, gone.code, gone.stderr)
	require.Contains(t, gone.stderr, "hint: list compute targets with: amlgo computetarget list")
}

func TestAzureAttach(t *testing.T) {
	e := newEmulated(t)
	e.env = append(e.env, "VM_PW=vm-s3cret-pw", "DBX_TOKEN=dapi-s3cret")
	sub := strings.Split(e.srv.WorkspaceID(), "/")[2]

	from := len(e.srv.Requests())
	vm := e.ok("computetarget", "attach", "remote", "--name", "vm1", "--address", "10.0.0.5", "--username", "azureuser",
		"--password-env", "VM_PW", "--verbose", "-o", "json")
	require.Contains(t, vm.stdout, `"kind": "VirtualMachine"`)
	require.Contains(t, vm.stderr, "attaching vm1: Succeeded (")
	require.Contains(t, vm.stderr, "azure Request: ==> OUTGOING REQUEST", "--verbose traces the HTTP requests")
	require.Contains(t, vm.stderr, "Authorization: REDACTED")
	require.NotContains(t, vm.stderr, e.token)
	e.requireOnlyInPut(t, "vm-s3cret-pw", from, vm)

	from = len(e.srv.Requests())
	dbx := e.ok("computetarget", "attach", "databricks", "--name", "dbx", "--access-token-env", "DBX_TOKEN",
		"--resource-id", "/subscriptions/"+sub+"/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w1",
		"--workspace-url", "https://adb-1.azuredatabricks.net", "-o", "json")
	require.Contains(t, dbx.stdout, `"workspace_url": "https://adb-1.azuredatabricks.net"`)
	e.requireOnlyInPut(t, "dapi-s3cret", from, dbx)

	adla := e.ok("computetarget", "attach", "datalake", "--name", "adla", "--resource-group", "rg", "--account-name", "lake1", "-o", "json")
	require.Contains(t, adla.stdout, `"resource_id": "/subscriptions/`+sub+`/resourceGroups/rg/providers/Microsoft.DataLakeAnalytics/accounts/lake1"`)

	// nothingSent: the command must fail before any request.
	tests := []struct {
		name        string
		args        []string
		env         []string
		code        int
		msg         string
		nothingSent bool
	}{
		{"batch on azure", []string{"computetarget", "attach", "batch", "--name", "batch1", "--resource-group", "rg", "--account-name", "b1"}, nil,
			exitUnsupported, "compute: attach Batch is not supported: ", true},
		{"update a vm", []string{"computetarget", "update", "vm1", "--max-nodes", "2"}, nil, exitUnsupported, `"vm1" is not an AmlCompute cluster`, false},
		{"duplicate attach", []string{"computetarget", "attach", "datalake", "--name", "adla", "--resource-group", "rg", "--account-name", "lake1"}, nil,
			exitError, "adla", false},
		{"not found", []string{"computetarget", "list-nodes", "nope-cluster"}, nil, exitNotFound, "nope-cluster", false},
		{"bad token", []string{"computetarget", "list"}, []string{envAccessToken + "=not-the-token"}, exitAuth, "hint: sign in (az login)", false},
		{"bad endpoint", []string{"computetarget", "list"}, []string{envARMEndpoint + "=http://insecure"}, exitUsage, "must be an https URL", true},
		{"bad ca bundle", []string{"computetarget", "list"}, []string{envCABundle + "=/nonexistent/ca.pem"}, exitUsage, "$AZUREML_GO_CA_BUNDLE", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(e.srv.Requests())
			saved := e.env
			e.env = append(append([]string{}, e.env...), tc.env...)
			r := e.run(tc.args...)
			e.env = saved
			require.Equal(t, tc.code, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			require.Contains(t, r.stderr, tc.msg)
			require.Equal(t, 1, strings.Count(r.stderr, "\n"), "one error line: %q", r.stderr)
			if tc.nothingSent {
				require.Len(t, e.srv.Requests(), before, "nothing sent")
			}
		})
	}

	e.ok("computetarget", "detach", "vm1")
	require.Equal(t, exitNotFound, e.run("computetarget", "show", "vm1").code)
}

// TestAzureCtrlCStopsWaiting interrupts the wait of a long creation:
// amlgo exits 130 and says how to look at the cluster, whose creation
// goes on.
func TestAzureCtrlCStopsWaiting(t *testing.T) {
	e := newEmulatedWith(t, &workspacetest.Options{ProvisioningDelay: time.Minute, RetryAfter: time.Second})
	cmd := e.command("computetarget", "create", "amlcompute", "--name", "slow", "--vm-size", "Standard_D2_v2")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "creating slow: Creating") }, 20*time.Second, 50*time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	require.Error(t, cmd.Wait())
	require.Equal(t, exitInterrupted, cmd.ProcessState.ExitCode(), out.String())
	require.Contains(t, out.String(), "hint: the operation goes on in Azure; see it with: amlgo computetarget show slow")
	require.Contains(t, e.ok("computetarget", "show", "slow", "-o", "json").stdout, `"provisioning_state": "Creating"`)
}
