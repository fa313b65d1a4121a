package sshx

import (
	"context"
	"crypto/x509"
	"errors"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// Dial connects to the host that cfg names, verifies its host key and
// authenticates. It offers, in order: the key in cfg.KeyFile, the keys of
// the ssh-agent (cfg.UseAgent), and cfg.Password through both the
// "password" and "keyboard-interactive" methods (servers enable either).
//
// Errors: a [*ConfigError] for an invalid cfg (before any I/O), a
// [*HostKeyError] or [*UnknownHostError] for a host key that cannot be
// trusted, an [*AuthError] when every credential is refused, and a
// [*DialError] otherwise. ctx bounds the connect and handshake only; the
// returned client lives until [Client.Close].
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	hkc, err := hostKeyCallback(cfg)
	if err != nil {
		return nil, err
	}
	auth, methods, cleanup, err := authMethods(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	sc := &ssh.ClientConfig{User: cfg.User, Auth: auth, HostKeyCallback: hkc, Timeout: cfg.Timeout}
	start := time.Now()
	conn, err := handshake(ctx, cfg, sc)
	if err != nil {
		return nil, classify(cfg, methods, err)
	}
	cfg.Logger.Debug("sshx: connected", slog.String("host", cfg.hostPort()), slog.String("user", cfg.User),
		slog.Duration("took", time.Since(start)))
	return newClient(cfg, conn), nil
}

// handshake opens the TCP connection and runs the SSH handshake within
// cfg.Timeout and ctx.
func handshake(ctx context.Context, cfg Config, sc *ssh.ClientConfig) (*ssh.Client, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	addr := cfg.hostPort()
	nc, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { _ = nc.Close() })
	c, chans, reqs, err := ssh.NewClientConn(nc, addr, sc)
	if !stop() {
		if err == nil {
			_ = c.Close()
		}
		return nil, errors.Join(ctx.Err(), err)
	}
	if err != nil {
		_ = nc.Close()
		return nil, err
	}
	return ssh.NewClient(c, chans, reqs), nil
}

// classify turns a handshake error into this package's typed errors.
func classify(cfg Config, methods []string, err error) error {
	var he *HostKeyError
	var ue *UnknownHostError
	var ce *ConfigError
	switch {
	case errors.As(err, &he):
		return he
	case errors.As(err, &ue):
		return ue
	case errors.As(err, &ce):
		return ce
	case strings.Contains(err.Error(), "unable to authenticate"):
		return &AuthError{User: cfg.User, Host: cfg.hostPort(), Methods: methods, Err: err}
	}
	return &DialError{Host: cfg.hostPort(), Err: err}
}

// authMethods builds the methods to offer, their names, and a cleanup
// that closes the agent connection (once the handshake is over).
func authMethods(ctx context.Context, cfg Config) ([]ssh.AuthMethod, []string, func(), error) {
	var auth []ssh.AuthMethod
	var names []string
	cleanup := func() {}
	if cfg.KeyFile != "" {
		signer, err := cfg.Keys.signer(cfg.KeyFile, cfg.Passphrase, loadKey)
		var pe *PassphraseError
		switch {
		case errors.As(err, &pe) && pe.Missing && cfg.UseAgent:
			// As ssh(1) does: the agent may hold the decrypted key.
			cfg.Logger.Debug("sshx: key file is encrypted and no passphrase was given; relying on the agent",
				slog.String("key_file", cfg.KeyFile))
		case err != nil:
			return nil, nil, cleanup, err
		default:
			auth, names = append(auth, ssh.PublicKeys(signer)), append(names, "publickey")
		}
	}
	if cfg.UseAgent {
		signers, closeAgent, err := agentSigners(ctx, cfg.AgentSocket)
		if err != nil {
			return nil, nil, cleanup, err
		}
		cleanup = closeAgent
		auth, names = append(auth, ssh.PublicKeysCallback(signers)), append(names, "publickey (agent)")
	}
	if pw := cfg.Password; pw != "" {
		answer := func(_, _ string, questions []string, _ []bool) ([]string, error) {
			answers := make([]string, len(questions))
			for i := range answers {
				answers[i] = pw
			}
			return answers, nil
		}
		auth = append(auth, ssh.Password(pw), ssh.KeyboardInteractive(answer))
		names = append(names, "password", "keyboard-interactive")
	}
	return auth, names, cleanup, nil
}

// agentSigners connects to the ssh-agent at sock and returns its key
// lister and what closes the connection.
func agentSigners(ctx context.Context, sock string) (func() ([]ssh.Signer, error), func(), error) {
	if sock == "" {
		return nil, nil, &ConfigError{Field: "AgentSocket", Reason: "empty and SSH_AUTH_SOCK is not set: no ssh-agent to use"}
	}
	conn, err := (&net.Dialer{}).DialContext(ctx, "unix", sock)
	if err != nil {
		return nil, nil, &ConfigError{Field: "AgentSocket", Value: sock, Reason: "cannot reach the ssh-agent: " + err.Error()}
	}
	return agent.NewClient(conn).Signers, func() { _ = conn.Close() }, nil
}

// loadKey reads and decrypts a private key file. A missing or wrong
// passphrase is a *PassphraseError, which never holds the passphrase.
func loadKey(file, passphrase string) (ssh.Signer, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, &ConfigError{Field: "KeyFile", Value: file, Reason: "unreadable: " + err.Error()}
	}
	var signer ssh.Signer
	if passphrase == "" {
		signer, err = ssh.ParsePrivateKey(pem)
	} else {
		signer, err = ssh.ParsePrivateKeyWithPassphrase(pem, []byte(passphrase))
		if err != nil && !errors.Is(err, x509.IncorrectPasswordError) {
			// A passphrase given for a key that has none is not needed.
			if plain, perr := ssh.ParsePrivateKey(pem); perr == nil {
				signer, err = plain, nil
			}
		}
	}
	var missing *ssh.PassphraseMissingError
	switch {
	case errors.As(err, &missing):
		return nil, &PassphraseError{KeyFile: file, Missing: true}
	case errors.Is(err, x509.IncorrectPasswordError):
		return nil, &PassphraseError{KeyFile: file}
	case err != nil:
		return nil, &ConfigError{Field: "KeyFile", Value: file, Reason: "not a private key: " + err.Error()}
	}
	return signer, nil
}
