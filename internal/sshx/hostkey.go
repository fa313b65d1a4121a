package sshx

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// hostKeyCallback verifies host keys against cfg.KnownHostsFile and, when
// cfg.AcceptUnknownHost is set, records an unknown host's key there.
func hostKeyCallback(cfg Config) (ssh.HostKeyCallback, error) {
	file := cfg.KnownHostsFile
	check, err := knownhosts.New(file)
	if errors.Is(err, fs.ErrNotExist) {
		check, err = emptyKnownHosts, nil
	}
	if err != nil {
		return nil, &ConfigError{Field: "KnownHostsFile", Value: file, Reason: "unreadable: " + err.Error()}
	}
	return func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		err := check(hostname, remote, key)
		var ke *knownhosts.KeyError
		if !errors.As(err, &ke) {
			return err
		}
		host := knownhosts.Normalize(hostname)
		got := ssh.FingerprintSHA256(key)
		if len(ke.Want) > 0 {
			he := &HostKeyError{Host: host, Got: got, File: ke.Want[0].Filename, Line: ke.Want[0].Line}
			for _, w := range ke.Want {
				he.Known = append(he.Known, ssh.FingerprintSHA256(w.Key))
			}
			return he
		}
		if !cfg.AcceptUnknownHost {
			return &UnknownHostError{Host: host, Fingerprint: got, File: file}
		}
		if err := appendKnownHost(file, host, key); err != nil {
			return err
		}
		cfg.Logger.Info("sshx: trusted unknown host on first use", slog.String("host", host),
			slog.String("fingerprint", got), slog.String("known_hosts", file))
		return nil
	}, nil
}

// emptyKnownHosts is the check of a known_hosts file that does not exist.
func emptyKnownHosts(string, net.Addr, ssh.PublicKey) error { return &knownhosts.KeyError{} }

// appendKnownHost adds host's key to the known_hosts file, creating it
// (and its folder) when missing.
func appendKnownHost(file, host string, key ssh.PublicKey) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return fmt.Errorf("sshx: record host key: %w", err)
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("sshx: record host key: %w", err)
	}
	_, err = fmt.Fprintln(f, knownhosts.Line([]string{host}, key))
	if err = errors.Join(err, f.Close()); err != nil {
		return fmt.Errorf("sshx: record host key in %s: %w", file, err)
	}
	return nil
}
