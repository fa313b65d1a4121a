package main

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/sshtest"
)

// TestRemoteVM attaches the real sshd test host with a key and with a
// password, runs a script there and detaches, all through the binary.
func TestRemoteVM(t *testing.T) {
	srv := sshtest.Start(t)
	c := newCLI(t)
	c.project()
	port := strconv.Itoa(srv.Port)
	paths := map[string]string{srv.User: "USER", srv.KeyFile: "KEY"}

	r := c.ok("computetarget", "attach", "remote", "--name", "test-vm", "--address", "127.0.0.1", "--ssh-port", port,
		"--username", srv.User, "--private-key-file", srv.KeyFile, "--known-hosts", srv.KnownHosts, "-o", "json")
	golden(t, "attach-remote.json", normalize(r.stdout, paths))
	require.Contains(t, r.stderr, "attaching test-vm: Succeeded (", "plain progress lines when stderr is not a terminal")
	require.Equal(t, exitError, c.run("computetarget", "attach", "remote", "--name", "test-vm", "--address", "127.0.0.1",
		"--username", srv.User, "--private-key-file", srv.KeyFile).code, "a second attach of the name conflicts")

	run := c.ok("run", "submit-script", "train.py", "-e", "remote", "-t", "test-vm", "-d", "src", "--python", "python3", "--", "--epochs", "3")
	require.Contains(t, run.stdout, "args ['--epochs', '3']")
	require.Contains(t, run.stdout, "status:           Completed")
	require.Contains(t, run.stdout, "metric accuracy:  0.75")
	require.Contains(t, run.stdout, "output:           outputs/model.json")
	require.Regexp(t, `(?m)^uploading snapshot: done, 1 file, [0-9.]+ B \([0-9.]+ B sent\) in `, run.stdout,
		"the upload over SSH shows, as plain lines when stdout is not a terminal")

	c.env = []string{"TEST_VM_PW=" + srv.Password}
	c.ok("computetarget", "attach", "remote", "--name", "pw-vm", "--address", "127.0.0.1", "--ssh-port", port,
		"--username", srv.User, "--password-env", "TEST_VM_PW", "--known-hosts", srv.KnownHosts, "-q")
	list := c.ok("computetarget", "list")
	require.Regexp(t, `pw-vm\s+VirtualMachine\s+127\.0\.0\.1:`+port, list.stdout)
	r = c.ok("run", "submit-script", "train.py", "-e", "remote", "-t", "pw-vm", "-d", "src", "--python", "python3", "--no-wait", "-o", "json", "--", "--sleep")
	id := runID(t, r.stdout)
	require.NotContains(t, r.stdout+r.stderr, srv.Password)
	require.NotContains(t, r.stderr, "uploading snapshot", "the host has the snapshot's content already: nothing to upload")

	c.env = nil // a later process without the password
	noPW := c.run("run", "show", id)
	require.Equal(t, exitAuth, noPW.code, noPW.stderr)
	require.Contains(t, noPW.stderr, "hint: export the password in $TEST_VM_PW")

	c.env = []string{"TEST_VM_PW=" + srv.Password}
	require.Contains(t, c.ok("run", "cancel", id, "-o", "json").stdout, `"status": "Canceled"`)
	c.ok("computetarget", "detach", "pw-vm")
	require.NotContains(t, c.ok("computetarget", "list").stdout, "pw-vm")
	require.Equal(t, exitNotFound, c.run("computetarget", "show", "pw-vm").code)
}
