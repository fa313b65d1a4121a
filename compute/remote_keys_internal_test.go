package compute

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSSHTargetsShareTheirKeyCache checks the plumbing of the decrypted-key
// cache (internal/sshx tests the cache itself): every dial of a target and
// of its WithCredentials and WithOptions copies uses one cache.
func TestSSHTargetsShareTheirKeyCache(t *testing.T) {
	h := hostRecord{Address: "127.0.0.1", Port: 22, Username: "u", KeyFile: "/k"}
	vm := newRemoteVM("vm1", h)
	hdi := newHDInsight("hdi1", h)
	for _, c := range []*sshCore{&vm.core, &vm.WithCredentials(Credentials{PrivateKeyPassphrase: "x"}).core,
		&vm.WithOptions(nil).core} {
		p, err := c.params()
		require.NoError(t, err)
		require.NotNil(t, p.keys)
		require.Same(t, vm.core.keys, p.keys)
	}
	p, err := hdi.WithOptions(nil).core.params()
	require.NoError(t, err)
	require.Same(t, hdi.core.keys, p.keys)
	require.NotSame(t, vm.core.keys, hdi.core.keys, "each target has its own")
}
