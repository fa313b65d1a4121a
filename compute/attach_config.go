package compute

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// DefaultSSHPort is the SSH port of an attach configuration that names none.
const DefaultSSHPort = 22

// redacted replaces a secret wherever a configuration is printed.
const redacted = "REDACTED"

// RemoteVMAttachConfig is how to reach a Linux machine over SSH, the Python
// SDK's RemoteCompute.attach_configuration. Exactly one way to
// authenticate is needed: Password, PrivateKeyFile (with
// PrivateKeyPassphrase when the key is encrypted) or UseAgent.
//
// The password and passphrase are used to connect during the attach and
// never stored: the workspace records the key file's path (never its
// content) and PasswordEnv, the name of the environment variable a later
// process reads the password from. Printing a config (%v, %+v, %#v, JSON)
// shows "REDACTED" in place of both secrets.
type RemoteVMAttachConfig struct {
	// Address is the host name or IP address of the machine. Required.
	Address string
	// SSHPort is the SSH port; 0 means [DefaultSSHPort].
	SSHPort int
	// Username is the account that runs jobs. Required.
	Username string
	// Password authenticates Username (never stored).
	Password string
	// PrivateKeyFile is the path of a private key on this machine; the path
	// is recorded, the key is read only when connecting.
	PrivateKeyFile string
	// PrivateKeyPassphrase decrypts an encrypted PrivateKeyFile (never stored).
	PrivateKeyPassphrase string
	// PrivateKeyPassphraseEnv names the environment variable from which
	// later processes read PrivateKeyPassphrase; the name is recorded. With
	// PrivateKeyPassphrase empty, the attach reads it from there too.
	PrivateKeyPassphraseEnv string
	// UseAgent authenticates with the keys of the running ssh-agent
	// (SSHOptions.AgentSocket, else $SSH_AUTH_SOCK).
	UseAgent bool
	// PasswordEnv names the environment variable from which later
	// processes (status, logs, cancel) read the password. With Password
	// empty and PasswordEnv set, the attach reads it from there too.
	PasswordEnv string
	// KnownHostsFile is the known_hosts file that vouches for the host's
	// key; "" means ~/.ssh/known_hosts.
	KnownHostsFile string
	// AcceptUnknownHost trusts a host that KnownHostsFile does not list
	// yet, and adds its key there (trust on first use). A host listed with
	// a different key is always refused.
	AcceptUnknownHost bool
	// Interpreter is the Python interpreter to check on the host at attach
	// time and to run user-managed jobs with when the run configuration
	// names none; "" means python3.
	Interpreter string
}

// port returns the SSH port with the default applied.
func (c *RemoteVMAttachConfig) port() int {
	if c.SSHPort == 0 {
		return DefaultSSHPort
	}
	return c.SSHPort
}

// Validate checks c as the Python SDK does before attaching, and more: it
// returns a *[AttachConfigError] naming the first bad field and its value
// (never a secret's value). It does not change c.
func (c *RemoteVMAttachConfig) Validate() error {
	if c == nil {
		return &AttachConfigError{Field: "config", Reason: "must not be nil"}
	}
	return validateSSH(sshFields{
		address: c.Address, port: c.port(), user: c.Username, password: c.Password,
		passwordEnv: c.PasswordEnv, keyFile: c.PrivateKeyFile, agent: c.UseAgent,
		passphrase: c.PrivateKeyPassphrase, passphraseEnv: c.PrivateKeyPassphraseEnv,
	})
}

// sshFields are the fields the SSH attach configurations share.
type sshFields struct {
	address, user, password, passwordEnv, keyFile, passphrase, passphraseEnv string
	port                                                                     int
	agent                                                                    bool
}

// The Python SDK's client-side validation messages (sic).
const (
	sdkNoAddress   = "Error, missing address/resource_id."
	sdkNoUsername  = "Error, no username provided. Please provide a username and either apassword or key information."
	sdkNoAuth      = "Error, no password or key information provided. Please provide either a password or key information."
	sdkBothAuth    = "Invalid attach information, both password and key information provided. Please provide either a password or key information"
	sdkPortMissing = "Error, missing ssh-port."
)

// validateSSH applies the rules of the SSH attach configurations.
func validateSSH(f sshFields) error {
	hasPassword := f.password != "" || f.passwordEnv != ""
	switch {
	case strings.TrimSpace(f.address) == "":
		return &AttachConfigError{Field: "Address", Value: f.address, Reason: sdkNoAddress}
	case strings.ContainsAny(f.address, " \t\r\n/@"):
		return &AttachConfigError{Field: "Address", Value: f.address, Reason: "must be a host name or IP address"}
	case f.port < 1 || f.port > 65535:
		return &AttachConfigError{Field: "SSHPort", Value: strconv.Itoa(f.port),
			Reason: sdkPortMissing + " The port must be between 1 and 65535"}
	case strings.TrimSpace(f.user) == "":
		return &AttachConfigError{Field: "Username", Value: f.user, Reason: sdkNoUsername}
	case !hasPassword && f.keyFile == "" && !f.agent:
		return &AttachConfigError{Field: "Password", Reason: sdkNoAuth}
	case hasPassword && f.keyFile != "":
		return &AttachConfigError{Field: "PrivateKeyFile", Value: f.keyFile, Reason: sdkBothAuth}
	case f.passphrase != "" && f.keyFile == "":
		return &AttachConfigError{Field: "PrivateKeyPassphrase", Reason: "is set but PrivateKeyFile is empty"}
	case f.passwordEnv != "" && !isEnvName(f.passwordEnv):
		return &AttachConfigError{Field: "PasswordEnv", Value: f.passwordEnv,
			Reason: "must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)"}
	case f.passphraseEnv != "" && f.keyFile == "":
		return &AttachConfigError{Field: "PrivateKeyPassphraseEnv", Value: f.passphraseEnv,
			Reason: "is set but PrivateKeyFile is empty"}
	case f.passphraseEnv != "" && !isEnvName(f.passphraseEnv):
		return &AttachConfigError{Field: "PrivateKeyPassphraseEnv", Value: f.passphraseEnv,
			Reason: "must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)"}
	}
	return nil
}

// isEnvName reports whether s is a POSIX environment variable name.
func isEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		alpha := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !alpha && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// redactedRemoteVMAttachConfig has the fields of RemoteVMAttachConfig and
// none of its methods, so it prints with the default formats.
type redactedRemoteVMAttachConfig RemoteVMAttachConfig

func (c RemoteVMAttachConfig) redact() redactedRemoteVMAttachConfig {
	r := redactedRemoteVMAttachConfig(c)
	r.Password = redactIfSet(c.Password)
	r.PrivateKeyPassphrase = redactIfSet(c.PrivateKeyPassphrase)
	return r
}

// redactIfSet returns "REDACTED" for a non-empty secret, "" otherwise.
func redactIfSet(s string) string {
	if s == "" {
		return ""
	}
	return redacted
}

// String describes c with its secrets redacted.
func (c RemoteVMAttachConfig) String() string { return fmt.Sprintf("%+v", c.redact()) }

// GoString is the %#v form of c, with its secrets redacted.
func (c RemoteVMAttachConfig) GoString() string {
	return "compute.RemoteVMAttachConfig" + strings.TrimPrefix(fmt.Sprintf("%#v", c.redact()), "compute.redactedRemoteVMAttachConfig")
}

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s,
// %q) prints c with its secrets redacted.
func (c RemoteVMAttachConfig) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, c.GoString())
	case verb == 'v' && f.Flag('+'):
		fmt.Fprintf(f, "%+v", c.redact())
	default:
		fmt.Fprintf(f, "%v", c.redact())
	}
}

// MarshalJSON encodes c with its secrets redacted.
func (c RemoteVMAttachConfig) MarshalJSON() ([]byte, error) {
	return json.Marshal(c.redact())
}

// AttachConfigError reports an attach configuration field that breaks a
// rule. Value is empty for secrets.
type AttachConfigError struct {
	Field  string
	Value  string
	Reason string
}

// Error implements error.
func (e *AttachConfigError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("compute: attach configuration %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("compute: attach configuration %s %q: %s", e.Field, e.Value, e.Reason)
}
