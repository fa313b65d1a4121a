package sshtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/azureml-go/azureml/internal/testenv"
)

// Agent is an OpenSSH ssh-agent started for one test, listening on its
// own socket. Nothing is read from or written to this process's
// environment: clients are given [Agent.Socket] explicitly.
type Agent struct {
	// Socket is the agent's unix socket (what SSH_AUTH_SOCK would hold).
	Socket string

	dir    string
	cmd    *exec.Cmd
	exited chan struct{}
}

// StartAgent runs `ssh-agent -D -a SOCKET` for the rest of the test and
// waits for its socket. Without ssh-agent it calls testenv.Missing.
func StartAgent(t testing.TB) *Agent {
	t.Helper()
	bin := testenv.LookPath(t, "ssh-agent")
	// A short folder: unix socket paths are limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "sshagent-")
	if err != nil {
		t.Fatalf("sshtest: %v", err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	a := &Agent{Socket: filepath.Join(dir, "agent.sock"), dir: dir, exited: make(chan struct{})}
	a.cmd = exec.Command(bin, "-D", "-a", a.Socket)
	if err := a.cmd.Start(); err != nil {
		t.Fatalf("sshtest: ssh-agent: %v", err)
	}
	go func() { _ = a.cmd.Wait(); close(a.exited) }()
	t.Cleanup(a.stop)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := os.Stat(a.Socket); err == nil {
			return a
		}
		select {
		case <-a.exited:
			t.Fatalf("sshtest: ssh-agent exited before creating %s", a.Socket)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("sshtest: ssh-agent did not create %s within 5s", a.Socket)
		}
	}
}

// Add loads the private key in keyFile into the agent with ssh-add. An
// encrypted key is decrypted with passphrase, which ssh-add reads from an
// askpass program (SSH_ASKPASS_REQUIRE=force), never from a terminal.
func (a *Agent) Add(t testing.TB, keyFile, passphrase string) {
	t.Helper()
	bin := testenv.LookPath(t, "ssh-add")
	askpass := filepath.Join(a.dir, "askpass")
	script := "#!/bin/sh\nprintf '%s\\n' '" + strings.ReplaceAll(passphrase, "'", `'\''`) + "'\n"
	if err := os.WriteFile(askpass, []byte(script), 0o700); err != nil {
		t.Fatalf("sshtest: %v", err)
	}
	defer os.Remove(askpass)
	cmd := exec.Command(bin, keyFile)
	cmd.Env = []string{"SSH_AUTH_SOCK=" + a.Socket, "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force",
		"PATH=" + os.Getenv("PATH"), "HOME=" + a.dir}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sshtest: ssh-add %s: %v: %s", keyFile, err, out)
	}
}

// stop kills the agent and waits for it.
func (a *Agent) stop() {
	_ = a.cmd.Process.Kill()
	select {
	case <-a.exited:
	case <-time.After(5 * time.Second):
	}
}
