package compute

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"time"
)

// Credentials are the secrets a later process needs to reach an attached
// host that authenticates with a password or an encrypted key: the
// workspace never stores them. Printing Credentials (any verb, JSON)
// shows "REDACTED" in place of each secret that is set.
type Credentials struct {
	// Password authenticates the registration's username.
	Password string
	// PrivateKeyPassphrase decrypts the registration's private key file.
	PrivateKeyPassphrase string
}

// String describes c with its secrets redacted.
func (c Credentials) String() string {
	return fmt.Sprintf("{Password:%s PrivateKeyPassphrase:%s}", redactIfSet(c.Password), redactIfSet(c.PrivateKeyPassphrase))
}

// GoString is the %#v form of c, with its secrets redacted.
func (c Credentials) GoString() string {
	return fmt.Sprintf("compute.Credentials{Password:%q, PrivateKeyPassphrase:%q}",
		redactIfSet(c.Password), redactIfSet(c.PrivateKeyPassphrase))
}

// Format implements fmt.Formatter: every verb prints c redacted.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, c.GoString())
		return
	}
	fmt.Fprint(f, c.String())
}

// MarshalJSON encodes c with its secrets redacted.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{
		"password": redactIfSet(c.Password), "private_key_passphrase": redactIfSet(c.PrivateKeyPassphrase),
	})
}

// SSHOptions tune how the SSH targets ([RemoteVM], [HDInsight]) connect.
// A nil *SSHOptions means the defaults.
type SSHOptions struct {
	// ConnectTimeout bounds each connection attempt; zero means 30 s.
	ConnectTimeout time.Duration
	// ReconnectFor is how long Follow keeps reconnecting after a dropped
	// connection (with backoff from 100 ms to 5 s) before it gives up;
	// zero means 2 minutes.
	ReconnectFor time.Duration
	// Logger receives connection events (never secrets); nil discards them.
	Logger *slog.Logger
	// AgentSocket is the unix socket of the ssh-agent that targets using
	// the agent authenticate with; "" means this process's SSH_AUTH_SOCK.
	AgentSocket string
}

// withDefaults returns a copy of o with defaults applied.
func (o *SSHOptions) withDefaults() SSHOptions {
	var c SSHOptions
	if o != nil {
		c = *o
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = 30 * time.Second
	}
	if c.ReconnectFor <= 0 {
		c.ReconnectFor = 2 * time.Minute
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// hostRecord is what the workspace keeps about an SSH host: never a secret.
type hostRecord struct {
	Address     string
	Port        int
	Username    string
	KeyFile     string // a path; the key is read only when connecting
	PasswordEnv string // the NAME of the variable holding the password
	// PassphraseEnv is the NAME of the variable holding the key's passphrase.
	PassphraseEnv string
	UseAgent      bool
	KnownHosts    string
	Interpreter   string
	Host          HostInfo
}

// The registration property names of an SSH host.
const (
	propAddress     = "address"
	propPort        = "ssh_port"
	propUsername    = "username"
	propKeyFile     = "private_key_file"
	propPasswordEnv = "password_env"
	propPassEnv     = "private_key_passphrase_env"
	propUseAgent    = "use_agent"
	propKnownHosts  = "known_hosts_file"
	propInterpreter = "interpreter"
	propOS          = "os"
	propArch        = "arch"
	propPython      = "python"
	propFreeKB      = "free_disk_kb"
)

// properties is h as registration properties.
func (h hostRecord) properties() map[string]string {
	p := map[string]string{
		propAddress: h.Address, propPort: strconv.Itoa(h.Port), propUsername: h.Username,
		propKnownHosts: h.KnownHosts, propInterpreter: h.Interpreter,
		propOS: h.Host.OS, propArch: h.Host.Arch, propPython: h.Host.Python,
		propFreeKB: strconv.FormatInt(h.Host.FreeDiskKB, 10),
	}
	if h.KeyFile != "" {
		p[propKeyFile] = h.KeyFile
	}
	if h.PasswordEnv != "" {
		p[propPasswordEnv] = h.PasswordEnv
	}
	if h.PassphraseEnv != "" {
		p[propPassEnv] = h.PassphraseEnv
	}
	if h.UseAgent {
		p[propUseAgent] = "true"
	}
	return p
}

// hostFromProperties reads a hostRecord back; ok is false when p does not
// describe an attached SSH host (no address or username).
func hostFromProperties(p map[string]string) (hostRecord, bool) {
	h := hostRecord{
		Address: p[propAddress], Username: p[propUsername], KeyFile: p[propKeyFile],
		PasswordEnv: p[propPasswordEnv], PassphraseEnv: p[propPassEnv], UseAgent: p[propUseAgent] == "true",
		KnownHosts: p[propKnownHosts], Interpreter: p[propInterpreter],
		Host: HostInfo{OS: p[propOS], Arch: p[propArch], Python: p[propPython]},
	}
	h.Port, _ = strconv.Atoi(p[propPort])
	if h.Port == 0 {
		h.Port = DefaultSSHPort
	}
	h.Host.FreeDiskKB, _ = strconv.ParseInt(p[propFreeKB], 10, 64)
	return h, h.Address != "" && h.Username != ""
}

// HostInfo is what the attach found out about a host.
type HostInfo struct {
	// OS is `uname -s` (Linux).
	OS string
	// Arch is `uname -m` (x86_64, aarch64).
	Arch string
	// Python is the interpreter's `--version` output (Python 3.11.2).
	Python string
	// FreeDiskKB is the free space of the user's home, in KiB (`df -Pk ~`).
	FreeDiskKB int64
}
