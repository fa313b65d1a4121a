package compute

import (
	"encoding/json"
	"fmt"
	"strings"
)

// HDInsightAttachConfig is how to reach an HDInsight cluster's head node
// over SSH, the Python SDK's HDInsightCompute.attach_configuration.
// Address is the cluster's SSH endpoint, <cluster>-ssh.azurehdinsight.net.
// The rules and the secret handling are those of [RemoteVMAttachConfig].
type HDInsightAttachConfig struct {
	// Username is the cluster's SSH user. Required.
	Username string
	// Address is the head node's SSH host name. Required.
	Address string
	// SSHPort is the SSH port; 0 means [DefaultSSHPort].
	SSHPort int
	// Password authenticates Username (never stored).
	Password string
	// PrivateKeyFile is the path of a private key; the path is recorded.
	PrivateKeyFile string
	// PrivateKeyPassphrase decrypts an encrypted PrivateKeyFile (never stored).
	PrivateKeyPassphrase string
	// PrivateKeyPassphraseEnv names the environment variable later
	// processes read the passphrase from.
	PrivateKeyPassphraseEnv string
	// UseAgent authenticates with the keys of the running ssh-agent.
	UseAgent bool
	// PasswordEnv names the environment variable later processes read
	// the password from.
	PasswordEnv string
	// KnownHostsFile vouches for the head node's key; "" means ~/.ssh/known_hosts.
	KnownHostsFile string
	// AcceptUnknownHost trusts an unlisted head node key on first use
	// and records it in KnownHostsFile.
	AcceptUnknownHost bool
}

// The Python SDK's HDInsight validation messages.
const (
	sdkHDINoUsername = "username is not provided."
	sdkHDINoAddress  = "address is not provided."
)

// Validate checks c as the Python SDK does (username, then address, then
// the credential rules of [RemoteVMAttachConfig.Validate]) and returns a
// *[AttachConfigError] naming the first bad field. It does not change c.
func (c *HDInsightAttachConfig) Validate() error {
	switch {
	case c == nil:
		return &AttachConfigError{Field: "config", Reason: "must not be nil"}
	case strings.TrimSpace(c.Username) == "":
		return &AttachConfigError{Field: "Username", Value: c.Username, Reason: sdkHDINoUsername}
	case strings.TrimSpace(c.Address) == "":
		return &AttachConfigError{Field: "Address", Value: c.Address, Reason: sdkHDINoAddress}
	}
	return c.remote().Validate()
}

// remote is c as a RemoteVM attach configuration (the same SSH rules).
func (c *HDInsightAttachConfig) remote() *RemoteVMAttachConfig {
	return &RemoteVMAttachConfig{
		Address: c.Address, SSHPort: c.SSHPort, Username: c.Username, Password: c.Password,
		PrivateKeyFile: c.PrivateKeyFile, PrivateKeyPassphrase: c.PrivateKeyPassphrase, UseAgent: c.UseAgent,
		PrivateKeyPassphraseEnv: c.PrivateKeyPassphraseEnv,
		PasswordEnv:             c.PasswordEnv, KnownHostsFile: c.KnownHostsFile, AcceptUnknownHost: c.AcceptUnknownHost,
	}
}

// redactedHDInsightAttachConfig prints with the default formats.
type redactedHDInsightAttachConfig HDInsightAttachConfig

func (c HDInsightAttachConfig) redact() redactedHDInsightAttachConfig {
	r := redactedHDInsightAttachConfig(c)
	r.Password = redactIfSet(c.Password)
	r.PrivateKeyPassphrase = redactIfSet(c.PrivateKeyPassphrase)
	return r
}

// String describes c with its secrets redacted.
func (c HDInsightAttachConfig) String() string { return fmt.Sprintf("%+v", c.redact()) }

// GoString is the %#v form of c, with its secrets redacted.
func (c HDInsightAttachConfig) GoString() string {
	return "compute.HDInsightAttachConfig" + strings.TrimPrefix(fmt.Sprintf("%#v", c.redact()), "compute.redactedHDInsightAttachConfig")
}

// Format implements fmt.Formatter: every verb prints c redacted.
func (c HDInsightAttachConfig) Format(f fmt.State, verb rune) {
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
func (c HDInsightAttachConfig) MarshalJSON() ([]byte, error) { return json.Marshal(c.redact()) }
