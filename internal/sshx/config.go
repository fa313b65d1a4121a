package sshx

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// DefaultPort is the SSH port used when [Config.Port] is zero.
const DefaultPort = 22

// DefaultTimeout bounds connecting and the SSH handshake when
// [Config.Timeout] is zero.
const DefaultTimeout = 15 * time.Second

// redacted replaces a secret wherever a Config is printed.
const redacted = "REDACTED"

// Config says how to reach and authenticate to a host. The zero value is
// not valid: Address, User and one credential (Password, KeyFile or
// UseAgent) are required. Password and Passphrase are secrets: they are
// never printed (see [Config.String]) nor put in errors.
type Config struct {
	// Address is the host name or IP address. Required.
	Address string
	// Port is the TCP port; zero means [DefaultPort].
	Port int
	// User is the login name on the host. Required.
	User string
	// Password authenticates with the "password" and
	// "keyboard-interactive" methods (both are offered). Secret.
	Password string
	// KeyFile is the path of a private key in OpenSSH or PEM format.
	KeyFile string
	// Passphrase decrypts an encrypted KeyFile. Secret.
	Passphrase string
	// Keys, when set, keeps KeyFile once read and decrypted for the
	// next Dial with the same file and passphrase.
	Keys *KeyCache
	// UseAgent offers the keys of the ssh-agent listening at AgentSocket.
	UseAgent bool
	// AgentSocket is the path of the ssh-agent's unix socket; "" means
	// the SSH_AUTH_SOCK environment variable of this process. Only used
	// with UseAgent.
	AgentSocket string
	// KnownHostsFile lists the trusted host keys; "" means
	// ~/.ssh/known_hosts.
	KnownHostsFile string
	// AcceptUnknownHost trusts a host that KnownHostsFile does not list
	// (trust on first use) and appends its key to the file. It is an
	// explicit opt-in: a changed key is still refused.
	AcceptUnknownHost bool
	// Timeout bounds the TCP connect and the SSH handshake; zero means
	// [DefaultTimeout].
	Timeout time.Duration
	// Logger receives debug records (connects, trusted keys, re-dials);
	// nil discards them.
	Logger *slog.Logger
}

// ConfigError reports an invalid [Config] field.
type ConfigError struct {
	// Field names the field, e.g. "Port".
	Field string
	// Value is the rejected value, or "" when it is a secret or empty.
	Value string
	// Reason says which rule the value breaks.
	Reason string
}

// Error implements error.
func (e *ConfigError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("sshx: %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("sshx: %s %q: %s", e.Field, e.Value, e.Reason)
}

// Validate reports every invalid field of c as a [*ConfigError], joined
// with errors.Join; nil when c is usable. It never changes c.
func (c Config) Validate() error {
	var errs []error
	add := func(field, value, reason string) {
		errs = append(errs, &ConfigError{Field: field, Value: value, Reason: reason})
	}
	if c.Address == "" {
		add("Address", "", "required")
	}
	if c.Port < 0 || c.Port > 65535 {
		add("Port", strconv.Itoa(c.Port), "must be in 1..65535 (0: 22)")
	}
	if c.User == "" {
		add("User", "", "required")
	}
	switch {
	case c.Password == "" && c.KeyFile == "" && !c.UseAgent:
		add("Password", "", "no credential: set Password, KeyFile or UseAgent")
	case c.Password != "" && c.KeyFile != "":
		add("Password", "", "set either Password or KeyFile, not both")
	}
	if c.Passphrase != "" && c.KeyFile == "" {
		add("Passphrase", "", "only used with KeyFile")
	}
	if c.AgentSocket != "" && !c.UseAgent {
		add("AgentSocket", c.AgentSocket, "only used with UseAgent")
	}
	if c.Timeout < 0 {
		add("Timeout", c.Timeout.String(), "must be >= 0 (0: the default)")
	}
	return errors.Join(errs...)
}

// withDefaults returns a copy of c with defaults applied.
func (c Config) withDefaults() (Config, error) {
	if c.Port == 0 {
		c.Port = DefaultPort
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.KnownHostsFile == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return c, &ConfigError{Field: "KnownHostsFile", Reason: "empty, and no home directory for the default: " + err.Error()}
		}
		c.KnownHostsFile = filepath.Join(home, ".ssh", "known_hosts")
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.UseAgent && c.AgentSocket == "" {
		c.AgentSocket = os.Getenv("SSH_AUTH_SOCK")
	}
	return c, nil
}

// hostPort is Address:Port.
func (c Config) hostPort() string {
	port := c.Port
	if port == 0 {
		port = DefaultPort
	}
	return net.JoinHostPort(c.Address, strconv.Itoa(port))
}
