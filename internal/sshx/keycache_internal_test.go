package sshx

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
)

func TestKeyCacheLoadsOncePerFileStateAndPassphrase(t *testing.T) {
	file := filepath.Join(t.TempDir(), "id")
	require.NoError(t, os.WriteFile(file, []byte("key one"), 0o600))
	loads := 0
	fail := false
	load := func(f, pass string) (ssh.Signer, error) {
		loads++
		if fail {
			return nil, errors.New("wrong passphrase")
		}
		return nil, nil
	}
	var c KeyCache
	for range 3 {
		_, err := c.signer(file, "pass-A", load)
		require.NoError(t, err)
	}
	require.Equal(t, 1, loads, "the same file and passphrase decrypt once")
	_, _ = c.signer(file, "pass-B", load)
	require.Equal(t, 2, loads, "another passphrase is another entry")

	require.NoError(t, os.WriteFile(file, []byte("key two!"), 0o600))
	require.NoError(t, os.Chtimes(file, time.Now(), time.Now().Add(time.Minute)))
	_, _ = c.signer(file, "pass-A", load)
	require.Equal(t, 3, loads, "a rewritten key file is read again")

	fail = true
	for range 2 {
		_, err := c.signer(file, "pass-C", load)
		require.Error(t, err)
	}
	require.Equal(t, 5, loads, "failures are not kept")

	var none *KeyCache
	_, _ = none.signer(file, "pass-A", load)
	require.Equal(t, 6, loads, "a nil cache always loads")

	printed := fmt.Sprintf("%v %+v %#v %s", &c, &c, &c, &c)
	require.NotContains(t, printed, file, "printing shows no key detail")
	require.Equal(t, "sshx.KeyCache{3 keys}", c.String(), "A and B on the first file, A on the rewritten one")
}
