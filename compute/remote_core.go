package compute

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"strings"
	"time"

	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/internal/sshx"
)

// remoteConn is one connection to a host: a POSIX shell and its files.
type remoteConn interface {
	runfolder.Shell
	FS() runfolder.FS
	Close() error
}

// sshParams is everything needed to connect, secrets included. It is
// never printed.
type sshParams struct {
	host       hostRecord
	password   string
	passphrase string
	accept     bool // trust an unknown host key and record it (attach only)
	opts       SSHOptions
	keys       *sshx.KeyCache // nil: decrypt the key file at every dial
}

// dialFunc opens a connection.
type dialFunc func(ctx context.Context, p *sshParams) (remoteConn, error)

// sshCore is what the SSH targets share: where the host is, how to reach
// it, and where runs live on it.
type sshCore struct {
	name  string
	kind  Kind
	host  hostRecord
	creds Credentials
	opts  SSHOptions
	dial  dialFunc
	// keys keeps the decrypted key file between this target's dials; the
	// copies of WithCredentials and WithOptions share it.
	keys *sshx.KeyCache
}

// The folders on the host, under the user's home.
const (
	remoteRoot    = ".azureml-go"
	remoteRuns    = "runs"
	remoteObjects = "objects"
	remoteEnvs    = "envs"
	// remoteRunDirCopy holds what the script writes to paths that were
	// under the local job.RunDir; it is copied back by CollectOutputs.
	remoteRunDirCopy = "rundir"
)

// params returns the connection parameters, reading the password and the
// key's passphrase from the credentials given, else from the environment
// variables the registration names.
func (c *sshCore) params() (*sshParams, error) {
	p := &sshParams{host: c.host, password: c.creds.Password, passphrase: c.creds.PrivateKeyPassphrase, opts: c.opts, keys: c.keys}
	if p.password == "" && c.host.PasswordEnv != "" {
		p.password = os.Getenv(c.host.PasswordEnv)
	}
	if p.passphrase == "" && c.host.PassphraseEnv != "" {
		p.passphrase = os.Getenv(c.host.PassphraseEnv)
	}
	if p.password == "" && c.host.KeyFile == "" && !c.host.UseAgent {
		return nil, &CredentialsError{Target: c.name, PasswordEnv: c.host.PasswordEnv}
	}
	return p, nil
}

// connect dials the host.
func (c *sshCore) connect(ctx context.Context) (remoteConn, error) {
	p, err := c.params()
	if err != nil {
		return nil, err
	}
	conn, err := c.dial(ctx, p)
	if err != nil {
		return nil, &ConnectError{Target: c.name, Address: c.host.Address, Port: c.host.Port, Err: err}
	}
	return conn, nil
}

// withConn runs fn on a new connection and closes it.
func (c *sshCore) withConn(ctx context.Context, fn func(conn remoteConn, home string) error) error {
	conn, err := c.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	home, err := remoteHome(ctx, conn)
	if err != nil {
		return err
	}
	return fn(conn, home)
}

// remoteHome returns the user's home folder on the host.
func remoteHome(ctx context.Context, sh runfolder.Shell) (string, error) {
	out, err := sh.Run(ctx, `printf '%s' "$HOME"`)
	if err != nil {
		return "", fmt.Errorf("compute: remote home: %w", err)
	}
	home := strings.TrimSpace(string(out))
	if !path.IsAbs(home) || path.Clean(home) != home || home == "/" {
		return "", fmt.Errorf("compute: remote home %q: must be a clean absolute path below /", home)
	}
	return home, nil
}

// runFolder is the run folder of runID on the host.
func runFolder(home, runID string) string {
	return path.Join(home, remoteRoot, remoteRuns, runID)
}

// checkRemoteJob rejects a job an SSH target cannot start or find. Run ids
// name folders on the host, so they must be one plain path segment.
func checkRemoteJob(job *Job, forStart bool) error {
	if err := checkJob(job, forStart); err != nil {
		return err
	}
	if !validRunID(job.RunID) {
		return &JobError{Field: "RunID", Value: job.RunID,
			Reason: "must be letters, digits, '.', '_' and '-' (it names a folder on the host)"}
	}
	return nil
}

// validRunID reports whether id is safe as one folder name.
func validRunID(id string) bool {
	if id == "" || id[0] == '.' || len(id) > 200 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// CredentialsError reports that no way to authenticate to an attached
// host is available in this process: its registration uses a password,
// which the workspace never stores, and none was given.
type CredentialsError struct {
	Target string
	// PasswordEnv is the variable the registration names ("" if none).
	PasswordEnv string
}

// Error implements error.
func (e *CredentialsError) Error() string {
	if e.PasswordEnv == "" {
		return fmt.Sprintf("compute: target %q: no password available: pass it with WithCredentials", e.Target)
	}
	return fmt.Sprintf("compute: target %q: no password available: environment variable %s is empty or unset "+
		"(set it, or pass the password with WithCredentials)", e.Target, e.PasswordEnv)
}

// The reasons a *[ConnectError] matches with errors.Is. Every
// ConnectError matches ErrTargetUnavailable; one whose host refused the
// credentials (a wrong password, a key the host does not accept, a key
// file whose passphrase is missing or wrong, an agent without the key)
// also matches ErrAuthFailed, and one whose host key could not be
// verified (unknown, or different from known_hosts) ErrUntrustedHost.
// Retrying helps with neither of the last two.
var (
	ErrTargetUnavailable = errors.New("compute: target unavailable")
	ErrAuthFailed        = errors.New("compute: authentication failed")
	ErrUntrustedHost     = errors.New("compute: host key not trusted")
)

// ConnectError reports a host that could not be reached or refused to
// authenticate. Err says why; it never holds a secret.
type ConnectError struct {
	Target  string
	Address string
	Port    int
	Err     error
}

// Error implements error.
func (e *ConnectError) Error() string {
	return fmt.Sprintf("compute: target %q: connect to %s port %d: %v", e.Target, e.Address, e.Port, e.Err)
}

// Unwrap returns the underlying failure.
func (e *ConnectError) Unwrap() error { return e.Err }

// Is reports whether target is [ErrTargetUnavailable], or
// [ErrAuthFailed] or [ErrUntrustedHost] when that is why the connection
// failed.
func (e *ConnectError) Is(target error) bool {
	switch target {
	case ErrTargetUnavailable:
		return true
	case ErrAuthFailed:
		return errors.Is(e.Err, sshx.ErrAuth)
	case ErrUntrustedHost:
		return errors.Is(e.Err, sshx.ErrUntrustedHost)
	}
	return false
}
