package compute_test

import (
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/sshtest"
)

func TestAttachPollerAttachesOverSSH(t *testing.T) {
	srv := sshtest.Start(t)
	ws := newWorkspace(t)
	cfg := &compute.RemoteVMAttachConfig{Address: "127.0.0.1", SSHPort: srv.Port, Username: srv.User,
		PrivateKeyFile: srv.KeyFile, KnownHostsFile: srv.KnownHosts}
	op, err := compute.AttachRemoteVM(t.Context(), ws, "vm-poll", cfg, nil)
	require.NoError(t, err)
	p, err := op.Poller()
	require.NoError(t, err)
	require.False(t, p.Done(), "nothing happens before the first poll")
	_, err = compute.Get(t.Context(), ws, "vm-poll")
	require.ErrorIs(t, err, compute.ErrNotFound)

	vm, err := p.PollUntilDone(t.Context(), &runtime.PollUntilDoneOptions{Frequency: time.Hour})
	require.NoError(t, err, srv.Log())
	require.Equal(t, "vm-poll", vm.Name())
	require.Equal(t, compute.AttachSucceeded, op.State())
	got, err := compute.Get(t.Context(), ws, "vm-poll")
	require.NoError(t, err)
	require.Equal(t, compute.KindVirtualMachine, got.Kind())

	bad := &compute.RemoteVMAttachConfig{Address: "127.0.0.1", SSHPort: srv.Port, Username: srv.User,
		Password: "wrong-TOPSECRET", KnownHostsFile: srv.KnownHosts}
	op, err = compute.AttachRemoteVM(t.Context(), ws, "vm-bad", bad, nil)
	require.NoError(t, err)
	p, err = op.Poller()
	require.NoError(t, err)
	_, err = p.Poll(t.Context())
	require.NoError(t, err)
	require.True(t, p.Done())
	_, err = p.Result(t.Context())
	require.ErrorAs(t, err, new(*compute.AttachError))
	require.ErrorIs(t, err, compute.ErrAuthFailed)
	require.NotContains(t, err.Error(), "TOPSECRET")
}
