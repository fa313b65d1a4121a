package compute_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/workspace"
)

func TestRemoteVMAttachConfigValidate(t *testing.T) {
	ok := compute.RemoteVMAttachConfig{Address: "10.0.0.4", Username: "azureuser", PrivateKeyFile: "/k"}
	tests := []struct {
		name   string
		edit   func(c *compute.RemoteVMAttachConfig)
		field  string
		reason string
	}{
		{"no address", func(c *compute.RemoteVMAttachConfig) { c.Address = "" }, "Address", "Error, missing address/resource_id."},
		{"address with user", func(c *compute.RemoteVMAttachConfig) { c.Address = "me@host" }, "Address", "host name or IP"},
		{"port too big", func(c *compute.RemoteVMAttachConfig) { c.SSHPort = 70000 }, "SSHPort", "between 1 and 65535"},
		{"negative port", func(c *compute.RemoteVMAttachConfig) { c.SSHPort = -1 }, "SSHPort", "Error, missing ssh-port."},
		{"no username", func(c *compute.RemoteVMAttachConfig) { c.Username = " " }, "Username", "Error, no username provided."},
		{"no credential", func(c *compute.RemoteVMAttachConfig) { c.PrivateKeyFile = "" }, "Password", "Error, no password or key information provided."},
		{"both", func(c *compute.RemoteVMAttachConfig) { c.Password = "s3cret-pw" }, "PrivateKeyFile", "both password and key information provided"},
		{"passphrase without key", func(c *compute.RemoteVMAttachConfig) {
			c.PrivateKeyFile, c.UseAgent, c.PrivateKeyPassphrase = "", true, "s3cret-pp"
		}, "PrivateKeyPassphrase", "PrivateKeyFile is empty"},
		{"bad env name", func(c *compute.RemoteVMAttachConfig) { c.PrivateKeyFile, c.PasswordEnv = "", "MY-PW" }, "PasswordEnv", "environment variable name"},
		{"passphrase env without key", func(c *compute.RemoteVMAttachConfig) {
			c.PrivateKeyFile, c.UseAgent, c.PrivateKeyPassphraseEnv = "", true, "KEY_PP"
		}, "PrivateKeyPassphraseEnv", "PrivateKeyFile is empty"},
		{"bad passphrase env name", func(c *compute.RemoteVMAttachConfig) { c.PrivateKeyPassphraseEnv = "1PP" }, "PrivateKeyPassphraseEnv", "environment variable name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			err := c.Validate()
			var ce *compute.AttachConfigError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tt.field, ce.Field)
			require.Contains(t, ce.Reason, tt.reason)
			require.NotContains(t, err.Error(), "s3cret")
		})
	}
	require.NoError(t, ok.Validate())
	agent := compute.RemoteVMAttachConfig{Address: "h", Username: "u", UseAgent: true}
	require.NoError(t, agent.Validate())
	env := compute.RemoteVMAttachConfig{Address: "h", Username: "u", PasswordEnv: "VM_PASSWORD"}
	require.NoError(t, env.Validate())
}

func TestHDInsightAttachConfigValidate(t *testing.T) {
	tests := []struct {
		cfg    compute.HDInsightAttachConfig
		field  string
		reason string
	}{
		{compute.HDInsightAttachConfig{Address: "c-ssh.azurehdinsight.net", Password: "p"}, "Username", "username is not provided."},
		{compute.HDInsightAttachConfig{Username: "sshuser", Password: "p"}, "Address", "address is not provided."},
		{compute.HDInsightAttachConfig{Username: "sshuser", Address: "c-ssh.azurehdinsight.net"}, "Password", "no password or key"},
	}
	for _, tt := range tests {
		var ce *compute.AttachConfigError
		require.ErrorAs(t, tt.cfg.Validate(), &ce)
		require.Equal(t, tt.field, ce.Field)
		require.Equal(t, tt.reason, strings.TrimPrefix(ce.Reason, "Error, ")[:len(tt.reason)])
	}
}

func TestAttachConfigsNeverPrintSecrets(t *testing.T) {
	vm := compute.RemoteVMAttachConfig{Address: "h", Username: "u", Password: "pw-TOPSECRET", PrivateKeyPassphrase: "pp-TOPSECRET"}
	hdi := compute.HDInsightAttachConfig{Address: "h", Username: "u", Password: "pw-TOPSECRET"}
	creds := compute.Credentials{Password: "pw-TOPSECRET", PrivateKeyPassphrase: "pp-TOPSECRET"}
	for _, v := range []any{vm, &vm, hdi, &hdi, creds, &creds} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			s := fmt.Sprintf(verb, v)
			require.NotContains(t, s, "TOPSECRET", verb)
			require.Contains(t, s, "REDACTED", verb)
		}
		j, err := json.Marshal(v)
		require.NoError(t, err)
		require.NotContains(t, string(j), "TOPSECRET")
	}
	require.Contains(t, fmt.Sprintf("%+v", vm), "Address:h")
}

func TestAttachRejectsBeforeAnySideEffect(t *testing.T) {
	ws := newWorkspace(t)
	good := &compute.RemoteVMAttachConfig{Address: "192.0.2.1", Username: "u", PrivateKeyFile: "/nonexistent"}
	_, err := compute.AttachRemoteVM(t.Context(), ws, "bad_name", good, nil)
	var ne *compute.NameError
	require.ErrorAs(t, err, &ne)
	_, err = compute.AttachRemoteVM(t.Context(), ws, "vm1", &compute.RemoteVMAttachConfig{Address: "h"}, nil)
	var ce *compute.AttachConfigError
	require.ErrorAs(t, err, &ce)
	all, err := compute.List(t.Context(), ws)
	require.NoError(t, err)
	require.Len(t, all, 1, "nothing was registered")

	// A host that cannot be reached fails the operation, and leaves nothing.
	op, err := compute.AttachRemoteVM(t.Context(), ws, "vm1", good, &compute.AttachOptions{SSH: &compute.SSHOptions{ConnectTimeout: 200e6}})
	require.NoError(t, err)
	require.Equal(t, compute.AttachCreating, op.State())
	var out bytes.Buffer
	_, err = op.WaitForCompletion(t.Context(), &out)
	var ae *compute.AttachError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, "connect", ae.Stage)
	require.Equal(t, compute.AttachFailed, op.State())
	require.Contains(t, out.String(), "Creating")
	require.Contains(t, out.String(), "\nFailedProvisioning operation finished, operation \"Failed\"")
	_, err = compute.Get(t.Context(), ws, "vm1")
	require.ErrorIs(t, err, compute.ErrNotFound)
}

func TestAttachPasswordAndKeyOverSSH(t *testing.T) {
	srv := sshtest.Start(t)
	tests := []struct {
		name string
		cfg  func() *compute.RemoteVMAttachConfig
		env  bool
	}{
		{"key", func() *compute.RemoteVMAttachConfig {
			return &compute.RemoteVMAttachConfig{PrivateKeyFile: srv.KeyFile}
		}, false},
		{"password", func() *compute.RemoteVMAttachConfig {
			return &compute.RemoteVMAttachConfig{Password: srv.Password, PasswordEnv: "AZT_VM_PASSWORD"}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := newWorkspace(t)
			cfg := tt.cfg()
			cfg.Address, cfg.SSHPort, cfg.Username, cfg.KnownHostsFile = "127.0.0.1", srv.Port, srv.User, srv.KnownHosts
			op, err := compute.AttachRemoteVM(t.Context(), ws, "vm-"+tt.name, cfg, nil)
			require.NoError(t, err)
			var out bytes.Buffer
			vm, err := op.WaitForCompletion(t.Context(), &out)
			require.NoError(t, err, srv.Log())
			require.Equal(t, "Creating...\nSucceededProvisioning operation finished, operation \"Succeeded\"\n", out.String())
			require.Equal(t, compute.AttachSucceeded, op.State())
			require.Equal(t, "Linux", vm.Host().OS)
			assertNoSecretsStored(t, ws, srv.Password)
			recs, err := store.Open(t.Context(), ws.LocalDir())
			require.NoError(t, err)
			raw, err := recs.Read(t.Context(), "computes/vm-"+tt.name)
			require.NoError(t, err)
			require.Contains(t, string(raw), `"kind": "VirtualMachine"`)
			require.Contains(t, string(raw), `"known_hosts_file": "`+srv.KnownHosts+`"`)
			if tt.env {
				require.Contains(t, string(raw), `"password_env": "AZT_VM_PASSWORD"`)
			} else {
				require.Contains(t, string(raw), `"private_key_file": "`+srv.KeyFile+`"`, "the key's path, never its content")
				key, err := os.ReadFile(srv.KeyFile)
				require.NoError(t, err)
				assertNoSecretsStored(t, ws, strings.TrimSpace(string(key)))
			}

			// Another process: the password comes from the named variable.
			target, err := compute.Get(t.Context(), ws, "vm-"+tt.name)
			require.NoError(t, err)
			got := target.(*compute.RemoteVM)
			job := sshJob(t, "run_"+tt.name, map[string]string{"s.py": "print('hi')\n"}, "s.py")
			if tt.env {
				err := got.Start(t.Context(), job)
				var cr *compute.CredentialsError
				require.ErrorAs(t, err, &cr, "no password in this process yet")
				require.Equal(t, "AZT_VM_PASSWORD", cr.PasswordEnv)
				t.Setenv("AZT_VM_PASSWORD", srv.Password)
			}
			require.NoError(t, got.Start(t.Context(), job))
			_, st, err := got.Follow(t.Context(), job, 0, &bytes.Buffer{})
			require.NoError(t, err)
			require.Equal(t, compute.JobCompleted, st.State)

			_, err = compute.AttachRemoteVM(t.Context(), ws, "vm-"+tt.name, cfg, nil)
			require.ErrorIs(t, err, compute.ErrConflict)
			require.NoError(t, compute.Detach(t.Context(), ws, "vm-"+tt.name))
			require.ErrorIs(t, compute.Detach(t.Context(), ws, "vm-"+tt.name), compute.ErrNotFound)
			require.DirExists(t, filepath.Join(srv.Home, ".azureml-go", "runs", job.RunID), "detach leaves the host alone")
		})
	}
}

func TestAttachWithWrongPasswordFails(t *testing.T) {
	srv := sshtest.Start(t)
	cfg := &compute.RemoteVMAttachConfig{Address: "127.0.0.1", SSHPort: srv.Port, Username: srv.User,
		Password: "wrong-TOPSECRET", KnownHostsFile: srv.KnownHosts}
	op, err := compute.AttachRemoteVM(t.Context(), newWorkspace(t), "vm1", cfg, nil)
	require.NoError(t, err)
	_, err = op.WaitForCompletion(t.Context(), nil)
	require.Error(t, err)
	require.ErrorIs(t, err, compute.ErrTargetUnavailable)
	require.ErrorIs(t, err, compute.ErrAuthFailed, "a refused password is an authentication failure")
	require.NotErrorIs(t, err, compute.ErrUntrustedHost)
	require.NotContains(t, err.Error(), "TOPSECRET")
	require.NotContains(t, fmt.Sprintf("%+v %#v", err, err), "TOPSECRET")
}

// assertNoSecretsStored checks every file of the workspace folder.
func assertNoSecretsStored(t *testing.T, ws *workspace.Workspace, secrets ...string) {
	t.Helper()
	err := filepath.WalkDir(ws.LocalDir(), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		for _, s := range secrets {
			require.NotContains(t, string(data), s, p)
		}
		return nil
	})
	require.NoError(t, err)
}

func TestAttachTrustsUnknownHostOnlyWhenAsked(t *testing.T) {
	srv := sshtest.Start(t)
	for _, accept := range []bool{false, true} {
		known := filepath.Join(t.TempDir(), "known_hosts")
		require.NoError(t, os.WriteFile(known, nil, 0o600))
		ws := newWorkspace(t)
		cfg := &compute.RemoteVMAttachConfig{Address: "127.0.0.1", SSHPort: srv.Port, Username: srv.User,
			PrivateKeyFile: srv.KeyFile, KnownHostsFile: known, AcceptUnknownHost: accept}
		op, err := compute.AttachRemoteVM(t.Context(), ws, "vm1", cfg, nil)
		require.NoError(t, err)
		vm, err := op.WaitForCompletion(t.Context(), nil)
		recorded, rerr := os.ReadFile(known)
		require.NoError(t, rerr)
		if !accept {
			require.ErrorIs(t, err, compute.ErrTargetUnavailable)
			require.ErrorIs(t, err, compute.ErrUntrustedHost)
			require.NotErrorIs(t, err, compute.ErrAuthFailed)
			require.Empty(t, recorded, "an unknown host is not trusted by default")
			continue
		}
		require.NoError(t, err)
		require.Contains(t, string(recorded), srv.HostKey.Type(), "the host key was recorded")
		// Later connections verify against the recorded key (no more trust on first use).
		job := sshJob(t, "run_tofu", map[string]string{"s.py": "print(1)\n"}, "s.py")
		require.NoError(t, vm.Start(t.Context(), job))
		_, st, err := vm.Follow(t.Context(), job, 0, &bytes.Buffer{})
		require.NoError(t, err)
		require.Equal(t, compute.JobCompleted, st.State)
	}
}
