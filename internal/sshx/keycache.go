package sshx

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"os"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
)

// KeyCache keeps the private keys that [Dial] has read and decrypted, so
// that later connections with the same key file and passphrase skip the
// key derivation of an encrypted key (about 150 ms for an OpenSSH key
// with the default 16 bcrypt rounds). A key file that has changed since
// (size or modification time) is read again. The passphrase is kept only
// as an HMAC-SHA256 under a random key of the cache's own, which says
// nothing about it outside this process; a KeyCache prints as its size
// only. A KeyCache is safe for concurrent use; the zero value is ready.
type KeyCache struct {
	mu   sync.Mutex
	salt []byte
	m    map[keyID]ssh.Signer
}

// String implements fmt.Stringer without the keys.
func (c *KeyCache) String() string {
	if c == nil {
		return "sshx.KeyCache(nil)"
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("sshx.KeyCache{%d keys}", len(c.m))
}

// GoString keeps %#v to String's.
func (c *KeyCache) GoString() string { return c.String() }

// keyID says which file, in which state, decrypted with which passphrase.
type keyID struct {
	path  string
	size  int64
	mtime time.Time
	pass  [sha256.Size]byte
}

// signer returns the signer of file, loading it with load on a miss.
func (c *KeyCache) signer(file, passphrase string, load func(string, string) (ssh.Signer, error)) (ssh.Signer, error) {
	if c == nil {
		return load(file, passphrase)
	}
	fi, err := os.Stat(file)
	if err != nil {
		return load(file, passphrase) // load reports the unreadable file
	}
	c.mu.Lock()
	if c.salt == nil {
		c.salt = make([]byte, 32)
		_, _ = rand.Read(c.salt) // never fails (crypto/rand)
	}
	mac := hmac.New(sha256.New, c.salt)
	mac.Write([]byte(passphrase))
	id := keyID{path: file, size: fi.Size(), mtime: fi.ModTime()}
	copy(id.pass[:], mac.Sum(nil))
	s, ok := c.m[id]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err = load(file, passphrase)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[keyID]ssh.Signer{}
	}
	c.m[id] = s
	c.mu.Unlock()
	return s, nil
}
