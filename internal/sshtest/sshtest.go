package sshtest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/azureml-go/azureml/internal/sshx"
	"github.com/azureml-go/azureml/internal/testenv"
)

// SSHD is where Debian and most distributions install the server.
const SSHD = "/usr/sbin/sshd"

// Server is a running sshd with a test user. Its fields are read-only.
type Server struct {
	// Addr is "127.0.0.1:PORT"; Port is the port alone.
	Addr string
	Port int
	// User is the login name, unique per Start; Home is its home folder.
	User, Home string
	// Password logs User in with the password or keyboard-interactive method.
	Password string
	// KeyFile is an unencrypted private key in User's authorized_keys.
	KeyFile string
	// KnownHosts is a known_hosts file holding the server's host key as
	// "[127.0.0.1]:PORT".
	KnownHosts string
	// HostKey is the server's public host key and HostKeyFingerprint its
	// SHA256 fingerprint.
	HostKey            ssh.PublicKey
	HostKeyFingerprint string

	dir     string
	cmd     *exec.Cmd
	exited  chan struct{}
	opts    Options
	log     string
	stopped sync.Once
}

// Options tunes [StartWith]; a nil *Options means the defaults.
type Options struct {
	// KeyboardInteractive makes the server take passwords only through the
	// keyboard-interactive method (PAM), with the "password" method off,
	// as many hardened servers do.
	KeyboardInteractive bool
}

// Start runs sshd on 127.0.0.1 at a free port for the rest of the test,
// with a new user that may log in with [Server.KeyFile] or
// [Server.Password]. Everything is removed in t.Cleanup. Without root or
// sshd it calls testenv.Missing.
func Start(t testing.TB) *Server {
	t.Helper()
	return StartWith(t, nil)
}

// StartWith is [Start] with options.
func StartWith(t testing.TB, opts *Options) *Server {
	t.Helper()
	if _, err := os.Stat(SSHD); err != nil {
		testenv.Missing(t, "sshd", SSHD+" not found (apt-get install openssh-server)")
	}
	if os.Geteuid() != 0 {
		testenv.Missing(t, "sshd", "creating the test user needs root")
	}
	dir, err := os.MkdirTemp("", "sshtest-")
	if err != nil {
		t.Fatalf("sshtest: %v", err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	// The user must traverse dir to reach its home.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatalf("sshtest: %v", err)
	}
	s := &Server{dir: dir, User: "azt" + strconv.Itoa(os.Getpid()%100000) + randomHex(3),
		Password: "pw-" + randomHex(12), Home: filepath.Join(dir, "home")}
	if opts != nil {
		s.opts = *opts
	}
	s.createUser(t)
	s.writeKeys(t)
	s.launch(t)
	return s
}

// createUser adds s.User with useradd and sets its password with chpasswd;
// the user is deleted in t.Cleanup.
func (s *Server) createUser(t testing.TB) {
	t.Helper()
	run(t, nil, "useradd", "-m", "-d", s.Home, "-s", "/bin/sh", s.User)
	t.Cleanup(func() { _ = exec.Command("userdel", "-f", s.User).Run() })
	run(t, strings.NewReader(s.User+":"+s.Password+"\n"), "chpasswd")
	// StrictModes: the home folder must not be group or world writable.
	if err := os.Chmod(s.Home, 0o755); err != nil {
		t.Fatalf("sshtest: %v", err)
	}
}

// writeKeys creates the host key, the client key, authorized_keys and
// the sshd configuration.
func (s *Server) writeKeys(t testing.TB) {
	t.Helper()
	hostPub, err := newKey(filepath.Join(s.dir, "host_ed25519"), "")
	if err != nil {
		t.Fatalf("sshtest: host key: %v", err)
	}
	s.HostKey, s.HostKeyFingerprint = hostPub, ssh.FingerprintSHA256(hostPub)
	s.KeyFile = filepath.Join(s.dir, "client_ed25519")
	clientPub, err := newKey(s.KeyFile, "")
	if err != nil {
		t.Fatalf("sshtest: client key: %v", err)
	}
	u, err := user.Lookup(s.User)
	if err != nil {
		t.Fatalf("sshtest: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	sshDir := filepath.Join(s.Home, ".ssh")
	authKeys := filepath.Join(sshDir, "authorized_keys")
	for _, err := range []error{
		os.MkdirAll(sshDir, 0o700),
		os.WriteFile(authKeys, ssh.MarshalAuthorizedKey(clientPub), 0o600),
		os.Chown(sshDir, uid, gid),
		os.Chown(authKeys, uid, gid),
	} {
		if err != nil {
			t.Fatalf("sshtest: authorized_keys: %v", err)
		}
	}
}

// launch starts sshd -D on a free port (retrying if the port was taken
// meanwhile) and waits for its banner.
func (s *Server) launch(t testing.TB) {
	t.Helper()
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil { // the privilege separation folder
		t.Fatalf("sshtest: %v", err)
	}
	var lastErr error
	for range 5 {
		port, err := freePort()
		if err != nil {
			t.Fatalf("sshtest: %v", err)
		}
		if lastErr = s.tryLaunch(port); lastErr == nil {
			t.Cleanup(s.Stop)
			s.writeKnownHosts(t)
			return
		}
	}
	t.Fatalf("sshtest: sshd did not start: %v", lastErr)
}

func (s *Server) tryLaunch(port int) error {
	s.Port, s.Addr = port, net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	cfg := filepath.Join(s.dir, "sshd_config")
	if err := os.WriteFile(cfg, []byte(s.config()), 0o600); err != nil {
		return err
	}
	s.log = filepath.Join(s.dir, "sshd.log")
	if out, err := exec.Command(SSHD, "-t", "-f", cfg).CombinedOutput(); err != nil {
		return fmt.Errorf("sshd -t: %v: %s", err, out)
	}
	s.cmd = exec.Command(SSHD, "-D", "-f", cfg, "-E", s.log)
	if err := s.cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	s.exited = exited
	go func() { _ = s.cmd.Wait(); close(exited) }()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			log, _ := os.ReadFile(s.log)
			return fmt.Errorf("sshd exited: %s", bytes.TrimSpace(log))
		default:
		}
		if banner(s.Addr) {
			s.stopped = sync.Once{}
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = s.cmd.Process.Kill()
	<-exited
	return fmt.Errorf("sshd did not answer on %s within 10s", s.Addr)
}

func (s *Server) config() string {
	auth := []string{"PasswordAuthentication yes", "KbdInteractiveAuthentication no", "UsePAM no"}
	if s.opts.KeyboardInteractive {
		auth = []string{"PasswordAuthentication no", "KbdInteractiveAuthentication yes", "UsePAM yes"}
	}
	return strings.Join(append(auth,
		"Port "+strconv.Itoa(s.Port), "ListenAddress 127.0.0.1",
		"HostKey "+filepath.Join(s.dir, "host_ed25519"), "PidFile none",
		"AuthorizedKeysFile .ssh/authorized_keys", "AllowUsers "+s.User,
		"PubkeyAuthentication yes", "PermitRootLogin no", "StrictModes yes", "Subsystem sftp internal-sftp",
		"LogLevel VERBOSE", "MaxSessions 64", "MaxStartups 64:30:128", ""), "\n")
}

func (s *Server) writeKnownHosts(t testing.TB) {
	t.Helper()
	s.KnownHosts = filepath.Join(s.dir, "known_hosts")
	line := knownhosts.Line([]string{knownhosts.Normalize(s.Addr)}, s.HostKey) + "\n"
	if err := os.WriteFile(s.KnownHosts, []byte(line), 0o600); err != nil {
		t.Fatalf("sshtest: %v", err)
	}
}

// Config returns a client configuration for the server with key login.
func (s *Server) Config() sshx.Config {
	return sshx.Config{Address: "127.0.0.1", Port: s.Port, User: s.User, KeyFile: s.KeyFile,
		KnownHostsFile: s.KnownHosts, Timeout: 10 * time.Second}
}

// Log returns what sshd has logged so far (useful in failure messages).
func (s *Server) Log() string {
	b, _ := os.ReadFile(s.log)
	return string(b)
}

// Stop kills sshd; sessions it forked end with it only if they are not
// detached. It is safe to call more than once.
func (s *Server) Stop() {
	s.stopped.Do(func() {
		_ = s.cmd.Process.Kill()
		select {
		case <-s.exited:
		case <-time.After(5 * time.Second):
		}
	})
}

// banner reports whether an SSH server answers at addr.
func banner(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	b := make([]byte, 8)
	n, _ := c.Read(b)
	return string(b[:n]) == "SSH-2.0-"
}

// freePort returns a TCP port that was free on 127.0.0.1 a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func run(t testing.TB, stdin *strings.Reader, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	if stdin != nil {
		cmd.Stdin = stdin
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sshtest: %s: %v: %s", name, err, out)
	}
}
