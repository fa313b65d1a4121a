package sshx

import (
	"fmt"
	"log/slog"
)

// String describes c with its secrets replaced by "REDACTED".
func (c Config) String() string {
	return fmt.Sprintf("sshx.Config{Address:%q Port:%d User:%q Password:%s KeyFile:%q Passphrase:%s "+
		"UseAgent:%t AgentSocket:%q KnownHostsFile:%q AcceptUnknownHost:%t Timeout:%v}",
		c.Address, c.Port, c.User, mask(c.Password), c.KeyFile, mask(c.Passphrase),
		c.UseAgent, c.AgentSocket, c.KnownHostsFile, c.AcceptUnknownHost, c.Timeout)
}

// GoString implements fmt.GoStringer with the secrets redacted.
func (c Config) GoString() string { return c.String() }

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s,
// %q, ...) prints [Config.String], never a secret.
func (c Config) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", c.String())
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// LogValue implements slog.LogValuer with the secrets redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("address", c.Address), slog.Int("port", c.Port), slog.String("user", c.User),
		slog.String("password", mask(c.Password)), slog.String("key_file", c.KeyFile),
		slog.String("passphrase", mask(c.Passphrase)), slog.Bool("use_agent", c.UseAgent),
		slog.String("agent_socket", c.AgentSocket),
		slog.String("known_hosts_file", c.KnownHostsFile), slog.Bool("accept_unknown_host", c.AcceptUnknownHost))
}

// mask is "REDACTED" for a set secret and "" for an unset one.
func mask(secret string) string {
	if secret == "" {
		return `""`
	}
	return redacted
}
