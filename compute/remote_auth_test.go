package compute_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/sshx"
)

func TestRemoteVMEncryptedKeyPassphrase(t *testing.T) {
	srv := sshtest.Start(t)
	const pass = "pp-Attach-4c1d"
	key := srv.NewKey(t, pass)
	ws := newWorkspace(t)
	cfg := &compute.RemoteVMAttachConfig{Address: "127.0.0.1", SSHPort: srv.Port, Username: srv.User,
		PrivateKeyFile: key, PrivateKeyPassphrase: pass, KnownHostsFile: srv.KnownHosts}
	op, err := compute.AttachRemoteVM(t.Context(), ws, "vm-enc", cfg, nil)
	require.NoError(t, err)
	_, err = op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err, srv.Log())
	assertNoSecretsStored(t, ws, pass)

	// A later process: the registration names the key file, not the passphrase.
	target, err := compute.Get(t.Context(), ws, "vm-enc")
	require.NoError(t, err)
	vm := target.(*compute.RemoteVM)
	job := sshJob(t, "run_enc", map[string]string{"s.py": "print('decrypted')\n"}, "s.py")
	err = vm.Start(t.Context(), job)
	var pe *sshx.PassphraseError
	require.ErrorAs(t, err, &pe, "no passphrase in this process")
	require.True(t, pe.Missing)
	require.ErrorIs(t, err, compute.ErrTargetUnavailable)
	require.ErrorIs(t, err, compute.ErrAuthFailed, "a key that cannot be decrypted is a credential failure")

	wrong := vm.WithCredentials(compute.Credentials{PrivateKeyPassphrase: "pp-Wrong-0b7e"})
	err = wrong.Start(t.Context(), job)
	require.ErrorAs(t, err, &pe)
	require.False(t, pe.Missing)
	require.Contains(t, err.Error(), "passphrase does not decrypt")
	require.NotContains(t, fmt.Sprintf("%v %+v %#v", err, err, err), "pp-Wrong-0b7e")

	right := vm.WithCredentials(compute.Credentials{PrivateKeyPassphrase: pass})
	require.NoError(t, right.Start(t.Context(), job))
	var log bytes.Buffer
	_, st, err := right.Follow(t.Context(), job, 0, &log)
	require.NoError(t, err)
	require.Equal(t, compute.JobCompleted, st.State, log.String())
	require.Contains(t, log.String(), "decrypted\n")
	assertNoSecretsStored(t, ws, pass, "pp-Wrong-0b7e")
}

func TestAttachWrongPassphraseFailsWithoutSecret(t *testing.T) {
	srv := sshtest.Start(t)
	key := srv.NewKey(t, "pp-Right-1111")
	tests := []struct {
		name, passphrase string
		missing          bool
	}{
		{"wrong", "pp-TOPSECRET-2222", false},
		{"missing", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := newWorkspace(t)
			cfg := &compute.HDInsightAttachConfig{Address: "127.0.0.1", SSHPort: srv.Port, Username: srv.User,
				PrivateKeyFile: key, PrivateKeyPassphrase: tt.passphrase, KnownHostsFile: srv.KnownHosts}
			op, err := compute.AttachHDInsight(t.Context(), ws, "hdi-enc", cfg, nil)
			require.NoError(t, err)
			_, err = op.WaitForCompletion(t.Context(), nil)
			var ae *compute.AttachError
			require.ErrorAs(t, err, &ae)
			require.Equal(t, "connect", ae.Stage)
			var pe *sshx.PassphraseError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tt.missing, pe.Missing)
			require.Equal(t, key, pe.KeyFile)
			require.NotContains(t, fmt.Sprintf("%v %+v %#v", err, err, err), "TOPSECRET")
			_, err = compute.Get(t.Context(), ws, "hdi-enc")
			require.ErrorIs(t, err, compute.ErrNotFound, "a failed attach records nothing")
		})
	}
}
