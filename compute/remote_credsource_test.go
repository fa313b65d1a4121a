package compute_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/store"
)

// runHello runs a one-line script on vm and checks that it completes.
func runHello(t *testing.T, vm *compute.RemoteVM, runID string) {
	t.Helper()
	job := sshJob(t, runID, map[string]string{"s.py": "print('hello')\n"}, "s.py")
	require.NoError(t, vm.Start(t.Context(), job))
	var log bytes.Buffer
	_, st, err := vm.Follow(t.Context(), job, 0, &log)
	require.NoError(t, err)
	require.Equal(t, compute.JobCompleted, st.State, log.String())
}

// TestRemoteVMPassphraseFromNamedEnv sets a variable of this process, so
// it does not run in parallel.
func TestRemoteVMPassphraseFromNamedEnv(t *testing.T) {
	srv := sshtest.Start(t)
	const pass, env = "pp-Env-8d2e", "AZT_KEY_PASSPHRASE"
	key := srv.NewKey(t, pass)
	ws := newWorkspace(t)
	t.Setenv(env, pass)
	op, err := compute.AttachRemoteVM(t.Context(), ws, "vm-env", &compute.RemoteVMAttachConfig{Address: "127.0.0.1",
		SSHPort: srv.Port, Username: srv.User, PrivateKeyFile: key, PrivateKeyPassphraseEnv: env,
		KnownHostsFile: srv.KnownHosts}, nil)
	require.NoError(t, err)
	_, err = op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err, "the attach reads the passphrase from the named variable")
	st, err := store.Open(t.Context(), ws.LocalDir())
	require.NoError(t, err)
	raw, err := st.Read(t.Context(), "computes/vm-env")
	require.NoError(t, err)
	require.Contains(t, string(raw), `"private_key_passphrase_env": "`+env+`"`)
	assertNoSecretsStored(t, ws, pass)

	target, err := compute.Get(t.Context(), ws, "vm-env")
	require.NoError(t, err)
	runHello(t, target.(*compute.RemoteVM), "run_env")
	t.Setenv(env, "")
	err = target.(*compute.RemoteVM).Start(t.Context(), sshJob(t, "run_noenv", map[string]string{"s.py": ""}, "s.py"))
	require.ErrorIs(t, err, compute.ErrTargetUnavailable, "an empty variable gives no passphrase")
}

func TestRemoteVMAgentSocketOption(t *testing.T) {
	t.Parallel()
	srv := sshtest.Start(t)
	agent := sshtest.StartAgent(t)
	const pass = "pp-Agent-3a9c"
	agent.Add(t, srv.NewKey(t, pass), pass)
	opts := &compute.SSHOptions{AgentSocket: agent.Socket}
	ws := newWorkspace(t)
	op, err := compute.AttachRemoteVM(t.Context(), ws, "vm-agent", &compute.RemoteVMAttachConfig{Address: "127.0.0.1",
		SSHPort: srv.Port, Username: srv.User, UseAgent: true, KnownHostsFile: srv.KnownHosts},
		&compute.AttachOptions{SSH: opts})
	require.NoError(t, err)
	vm, err := op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err, srv.Log())
	runHello(t, vm, "run_agent")
	assertNoSecretsStored(t, ws, pass)

	// A later process names the agent through its options.
	target, err := compute.Get(t.Context(), ws, "vm-agent")
	require.NoError(t, err)
	runHello(t, target.(*compute.RemoteVM).WithOptions(opts), "run_agent2")
	empty := sshtest.StartAgent(t)
	err = target.(*compute.RemoteVM).WithOptions(&compute.SSHOptions{AgentSocket: empty.Socket}).
		Start(t.Context(), sshJob(t, "run_agent3", map[string]string{"s.py": ""}, "s.py"))
	require.ErrorIs(t, err, compute.ErrTargetUnavailable, "an agent without the key is refused")
	require.ErrorIs(t, err, compute.ErrAuthFailed)
}
