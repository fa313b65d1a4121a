package sshx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// maxStderr bounds the standard error kept in an [*ExitError].
const maxStderr = 4 << 10

// maxPacket is the SFTP packet size: 255 KiB, which OpenSSH accepts (it
// advertises limits@openssh.com) and which triples bulk throughput over
// the 32 KiB default.
const maxPacket = 255 << 10

// Client is one SSH connection to a host. It is safe for concurrent use:
// each [Client.Run] opens its own session, and [Client.FS] and
// [Client.SFTP] share one SFTP session, opened on first use.
type Client struct {
	cfg  Config
	conn *ssh.Client
	dead chan struct{} // closed when the connection has ended

	mu      sync.Mutex
	sftp    *sftp.Client
	sftpErr error
	closed  bool
}

var _ runfolder.Shell = (*Client)(nil)

func newClient(cfg Config, conn *ssh.Client) *Client {
	c := &Client{cfg: cfg, conn: conn, dead: make(chan struct{})}
	go func() {
		_ = conn.Wait()
		close(c.dead)
	}()
	return c
}

// Run runs cmdline with the login user's shell on the host and returns its
// standard output; it implements runfolder.Shell. No terminal is
// attached, and Run returns when the command line exits even if it left
// background processes whose streams are redirected. A non-zero exit gives
// an [*ExitError] carrying the end of standard error. When ctx ends first,
// the command gets SIGTERM, its session is closed and ctx's error is
// returned.
func (c *Client) Run(ctx context.Context, cmdline string) ([]byte, error) {
	return c.RunInput(ctx, cmdline, nil)
}

// RunInput is [Client.Run] with stdin (nil means empty) as the command's
// standard input; the input is closed after it is fully sent.
func (c *Client) RunInput(ctx context.Context, cmdline string, stdin io.Reader) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s, err := c.conn.NewSession()
	if err != nil {
		return nil, c.connErr("open session", &notStartedError{err})
	}
	defer s.Close()
	var stdout bytes.Buffer
	stderr := &tailBuffer{max: maxStderr}
	s.Stdout, s.Stderr, s.Stdin = &stdout, stderr, stdin
	if err := s.Start(cmdline); err != nil {
		return nil, c.connErr("start command", err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Wait() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		_ = s.Signal(ssh.SIGTERM)
		_ = s.Close()
		select { // let the session's copying goroutines finish
		case <-done:
		case <-time.After(time.Second):
		}
		return nil, ctx.Err()
	}
	var ee *ssh.ExitError
	if errors.As(err, &ee) {
		return stdout.Bytes(), &ExitError{Status: exitStatus(ee), Signal: ee.Signal(), Stderr: stderr.String()}
	}
	if err != nil {
		return stdout.Bytes(), c.connErr("run command", err)
	}
	return stdout.Bytes(), nil
}

// exitStatus maps a death by signal to 128+N, as a shell reports it.
func exitStatus(ee *ssh.ExitError) int {
	if ee.Signal() == "" {
		return ee.ExitStatus()
	}
	switch ee.Signal() {
	case "HUP":
		return 128 + 1
	case "INT":
		return 128 + 2
	case "QUIT":
		return 128 + 3
	case "ABRT":
		return 128 + 6
	case "KILL":
		return 128 + 9
	case "SEGV":
		return 128 + 11
	case "PIPE":
		return 128 + 13
	case "TERM":
		return 128 + 15
	}
	return max(ee.ExitStatus(), 128)
}

// connErr wraps an error of the connection itself, naming the host.
func (c *Client) connErr(op string, err error) error {
	if c.isClosed() {
		return fmt.Errorf("%s: %w", op, ErrClosed)
	}
	return &DialError{Host: c.cfg.hostPort(), Err: fmt.Errorf("%s: %w", op, err)}
}

// SFTP returns the client's SFTP session, opened on first use with
// concurrent writes and 255 KiB packets for bulk transfers. Do not close
// it; [Client.Close] does.
func (c *Client) SFTP() (*sftp.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, ErrClosed
	}
	if c.sftp == nil && c.sftpErr == nil {
		c.sftp, c.sftpErr = sftp.NewClient(c.conn, sftp.UseConcurrentWrites(true), sftp.MaxPacketUnchecked(maxPacket))
		if c.sftpErr != nil {
			c.sftpErr = c.connErr("start sftp", c.sftpErr)
		}
	}
	return c.sftp, c.sftpErr
}

// Alive reports whether the connection still answers, with a keepalive
// request bounded by ctx.
func (c *Client) Alive(ctx context.Context) bool {
	select {
	case <-c.dead:
		return false
	default:
	}
	ok := make(chan bool, 1)
	go func() {
		_, _, err := c.conn.SendRequest("keepalive@openssh.com", true, nil)
		ok <- err == nil
	}()
	select {
	case v := <-ok:
		return v
	case <-ctx.Done():
		return false
	case <-time.After(c.cfg.Timeout):
		return false
	}
}

// Close ends the SFTP session and the connection. Processes started
// detached (setsid nohup ... &) keep running on the host.
func (c *Client) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	var errs []error
	if c.sftp != nil {
		errs = append(errs, c.sftp.Close())
	}
	if err := c.conn.Close(); err != nil && !errors.Is(err, io.EOF) {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// lost reports whether the connection has ended (dropped or closed).
func (c *Client) lost() bool {
	select {
	case <-c.dead:
		return true
	default:
		return false
	}
}

func (c *Client) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// notStartedError marks a failure that happened before the command
// reached the host, so running it again cannot run it twice.
type notStartedError struct{ err error }

func (e *notStartedError) Error() string { return e.err.Error() }
func (e *notStartedError) Unwrap() error { return e.err }

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return string(t.buf) }
