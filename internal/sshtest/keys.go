package sshtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/ssh"
)

// newKey writes a fresh ed25519 private key (OpenSSH format, mode 0600) to
// file, encrypted with passphrase unless it is empty, and returns its
// public half.
func newKey(file, passphrase string) (ssh.PublicKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	var block *pem.Block
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(priv, "")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(priv, "", []byte(passphrase))
	}
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		return nil, err
	}
	return ssh.NewPublicKey(pub)
}

// randomHex returns n random bytes as hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// NewKey writes a fresh private key into a folder of the test, encrypted
// with passphrase unless it is empty, authorizes it for [Server.User] and
// returns its path. The key is not in any agent.
func (s *Server) NewKey(t testing.TB, passphrase string) string {
	t.Helper()
	file := filepath.Join(s.dir, "client_"+randomHex(4))
	pub, err := newKey(file, passphrase)
	if err != nil {
		t.Fatalf("sshtest: new key: %v", err)
	}
	authKeys := filepath.Join(s.Home, ".ssh", "authorized_keys")
	f, err := os.OpenFile(authKeys, os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.Write(ssh.MarshalAuthorizedKey(pub))
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		t.Fatalf("sshtest: authorize key: %v", err)
	}
	return file
}
