package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/sshtest"
)

// TestRemoteVMExample runs the example end to end against a real sshd:
// attach, experiment.Submit with a run configuration naming the target,
// streaming, metrics, outputs; then a second run reuses the registration.
func TestRemoteVMExample(t *testing.T) {
	srv := sshtest.Start(t)
	s := &settings{wsDir: t.TempDir(), name: "test-vm", python: "python3"}
	s.attach.Address, s.attach.SSHPort, s.attach.Username = "127.0.0.1", srv.Port, srv.User
	s.attach.PrivateKeyFile, s.attach.KnownHostsFile, s.attach.Interpreter = srv.KeyFile, srv.KnownHosts, "python3"

	for i, want := range []string{"SucceededProvisioning operation finished", "using attached target test-vm"} {
		var buf bytes.Buffer
		require.NoError(t, run(t.Context(), s, &buf))
		out := buf.String()
		require.Contains(t, out, want, "run %d:\n%s", i, out)
		require.Contains(t, out, "status:   Completed")
		t.Log(out)
		require.Regexp(t, `accuracy: (0\.9\d\d|1\.000)`, out)
		require.Contains(t, out, filepath.Join("outputs", "model.json"))
	}
}
