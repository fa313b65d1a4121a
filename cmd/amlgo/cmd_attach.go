package main

import (
	"context"

	"github.com/azureml-go/azureml/compute"
)

// sshFlags are the flags of an SSH attach (remote VM and HDInsight).
type sshFlags struct {
	name, address, username             string
	port                                int
	passwordEnv, keyFile, passphraseEnv string
	agent, acceptUnknown                bool
	knownHosts, interpreter             string
	resourceID                          string
}

func (s *sshFlags) declare(f *flags, what, resource string) {
	f.str(&s.name, "name", "n", "NAME", "", "compute target name in the workspace (required)")
	f.str(&s.address, "address", "a", "HOST", "", what+" host name or IP address (required)")
	f.integer(&s.port, "ssh-port", "", "PORT", compute.DefaultSSHPort, "SSH port")
	f.str(&s.username, "username", "u", "USER", "", "SSH user (required)")
	f.str(&s.passwordEnv, "password-env", "", "VAR", "", "environment variable holding the password; later commands read it from there too (the password is never stored)")
	f.str(&s.keyFile, "private-key-file", "", "FILE", "", "private key file (its path is recorded, never its content)")
	f.str(&s.passphraseEnv, "passphrase-env", "", "VAR", "", "environment variable holding the private key's passphrase")
	f.boolean(&s.agent, "use-agent", "", "authenticate with the keys of ssh-agent ($SSH_AUTH_SOCK)")
	f.str(&s.knownHosts, "known-hosts", "", "FILE", "", "known_hosts file that vouches for the host key (default ~/.ssh/known_hosts)")
	f.boolean(&s.acceptUnknown, "accept-unknown-host", "", "trust a host key not yet in known_hosts and record it there (a changed key is always refused)")
	f.str(&s.resourceID, "resource-id", "", "ID", "", "ARM id of the "+resource+" (Azure workspace only; instead of or beside --address)")
}

// passphrase reads the passphrase from the variable --passphrase-env names.
func (s *sshFlags) passphrase(a *app) string {
	if s.passphraseEnv == "" {
		return ""
	}
	return a.getenv(s.passphraseEnv)
}

func computeAttachCommand() *command {
	return &command{
		name:    "attach",
		summary: "attach a machine, cluster or account as a compute target",
		example: "amlgo computetarget attach remote --name my-vm --address 10.0.0.4 --username azureuser --private-key-file ~/.ssh/id_ed25519",
		subs: []*command{attachRemoteCommand(), attachHDInsightCommand(), attachDatabricksCommand(),
			attachDataLakeCommand(), attachBatchCommand()},
	}
}

func attachRemoteCommand() *command {
	var s sshFlags
	return &command{
		name:    "remote",
		summary: "attach a Linux machine over SSH (the SDK's RemoteCompute), checking the host first",
		long: "In a local workspace the attach connects, checks the host (OS, architecture, the Python\n" +
			"interpreter, free disk) and records the target; passwords and passphrases are never stored.\n" +
			azureSSHNote,
		example: "amlgo computetarget attach remote --name my-vm --address 10.0.0.4 --username azureuser --private-key-file ~/.ssh/id_ed25519\n" +
			"VM_PW=... amlgo computetarget attach remote -n my-vm -a vm.example.com -u me --password-env VM_PW --accept-unknown-host",
		data: true,
		setup: func(f *flags) {
			s.declare(f, "machine's", "virtual machine")
			f.str(&s.interpreter, "interpreter", "", "PATH", "", "Python interpreter on the host, checked now and used by user-managed runs that name none (default python3)")
		},
		run: func(ctx context.Context, a *app, _ []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			if !ws.IsLocal() {
				return s.attachAzure(ctx, a, ws, "amlgo computetarget attach remote", false)
			}
			cfg := &compute.RemoteVMAttachConfig{Address: s.address, SSHPort: s.port, Username: s.username,
				PrivateKeyFile: s.keyFile, PrivateKeyPassphrase: s.passphrase(a), UseAgent: s.agent, PasswordEnv: s.passwordEnv,
				KnownHostsFile: s.knownHosts, AcceptUnknownHost: s.acceptUnknown, Interpreter: s.interpreter}
			op, err := compute.AttachRemoteVM(ctx, ws, s.name, cfg, &compute.AttachOptions{SSH: a.sshOptions()})
			if err != nil {
				return err
			}
			return finishAttach(ctx, a, s.name, op)
		},
	}
}

func attachHDInsightCommand() *command {
	var s sshFlags
	return &command{
		name:    "hdinsight",
		summary: "attach an HDInsight Spark cluster through its head node's SSH endpoint",
		long:    azureSSHNote,
		example: "amlgo computetarget attach hdinsight --name spark --address mycluster-ssh.azurehdinsight.net --username sshuser --password-env HDI_PW",
		data:    true,
		setup:   func(f *flags) { s.declare(f, "head node's", "HDInsight cluster") },
		run: func(ctx context.Context, a *app, _ []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			if !ws.IsLocal() {
				return s.attachAzure(ctx, a, ws, "amlgo computetarget attach hdinsight", true)
			}
			cfg := &compute.HDInsightAttachConfig{Address: s.address, SSHPort: s.port, Username: s.username,
				PrivateKeyFile: s.keyFile, PrivateKeyPassphrase: s.passphrase(a), UseAgent: s.agent, PasswordEnv: s.passwordEnv,
				KnownHostsFile: s.knownHosts, AcceptUnknownHost: s.acceptUnknown}
			op, err := compute.AttachHDInsight(ctx, ws, s.name, cfg, &compute.AttachOptions{SSH: a.sshOptions()})
			if err != nil {
				return err
			}
			return finishAttach(ctx, a, s.name, op)
		},
	}
}

// finishAttach runs an attach operation with progress and prints the target.
func finishAttach[T compute.Target](ctx context.Context, a *app, name string, op *compute.AttachOperation[T]) error {
	var t T
	err := a.watch(ctx, "attaching "+name, func(context.Context) string { return string(op.State()) }, func() error {
		var err error
		t, err = op.WaitForCompletion(ctx, nil)
		return err
	})
	if err != nil {
		return err
	}
	v := viewOfTarget(t)
	return a.print(v, v.table)
}
