package sshx

import (
	"errors"
	"fmt"
	"strings"
)

// Error categories, matched with errors.Is by the typed errors of this
// package.
var (
	// ErrAuth is matched by an [*AuthError]: the host refused every
	// credential offered.
	ErrAuth = errors.New("sshx: authentication failed")
	// ErrUntrustedHost is matched by a [*HostKeyError] and an
	// [*UnknownHostError]: the host key could not be verified.
	ErrUntrustedHost = errors.New("sshx: untrusted host key")
	// ErrUnreachable is matched by a [*DialError]: no SSH connection could
	// be set up (refused, timed out, dropped during the handshake).
	ErrUnreachable = errors.New("sshx: host unreachable")
	// ErrClosed is returned by a [Client] used after [Client.Close].
	ErrClosed = errors.New("sshx: client closed")
)

// AuthError reports that the host refused authentication. It never holds
// a password or passphrase.
type AuthError struct {
	// User and Host ("host:port") say where the login was tried.
	User, Host string
	// Methods lists the methods offered, e.g. ["publickey", "password",
	// "keyboard-interactive"].
	Methods []string
	// Err is the SSH library's error.
	Err error
}

// Error implements error.
func (e *AuthError) Error() string {
	return fmt.Sprintf("sshx: %s@%s: authentication failed (offered %s): %v",
		e.User, e.Host, strings.Join(e.Methods, ", "), e.Err)
}

// Is reports whether target is [ErrAuth].
func (e *AuthError) Is(target error) bool { return target == ErrAuth }

// Unwrap returns the SSH library's error.
func (e *AuthError) Unwrap() error { return e.Err }

// HostKeyError reports a host whose key differs from the one recorded in
// the known_hosts file: the host was reinstalled, or someone is in the
// middle. It matches [ErrUntrustedHost].
type HostKeyError struct {
	// Host is the known_hosts name, e.g. "[127.0.0.1]:2222".
	Host string
	// Known holds the SHA256 fingerprints recorded for Host.
	Known []string
	// Got is the SHA256 fingerprint the host presented.
	Got string
	// File and Line locate the first recorded key.
	File string
	Line int
}

// Error implements error.
func (e *HostKeyError) Error() string {
	return fmt.Sprintf("sshx: host key for %s changed: known_hosts (%s:%d) has %s, host presented %s; "+
		"if the host was reinstalled, remove the old line", e.Host, e.File, e.Line, strings.Join(e.Known, ", "), e.Got)
}

// Is reports whether target is [ErrUntrustedHost].
func (e *HostKeyError) Is(target error) bool { return target == ErrUntrustedHost }

// UnknownHostError reports a host that the known_hosts file does not list,
// when [Config.AcceptUnknownHost] is off. It matches [ErrUntrustedHost].
type UnknownHostError struct {
	// Host is the known_hosts name, e.g. "[127.0.0.1]:2222".
	Host string
	// Fingerprint is the SHA256 fingerprint the host presented.
	Fingerprint string
	// File is the known_hosts file that was searched.
	File string
}

// Error implements error.
func (e *UnknownHostError) Error() string {
	return fmt.Sprintf("sshx: host %s is not in %s (it presented %s); verify the fingerprint, then add the key "+
		"(ssh-keyscan) or set Config.AcceptUnknownHost to trust it on first use", e.Host, e.File, e.Fingerprint)
}

// Is reports whether target is [ErrUntrustedHost].
func (e *UnknownHostError) Is(target error) bool { return target == ErrUntrustedHost }

// DialError reports a failure to set up the SSH connection, other than
// authentication and host key checks. It matches [ErrUnreachable].
type DialError struct {
	// Host is "host:port".
	Host string
	// Err is the cause.
	Err error
}

// Error implements error.
func (e *DialError) Error() string { return fmt.Sprintf("sshx: connect to %s: %v", e.Host, e.Err) }

// Is reports whether target is [ErrUnreachable].
func (e *DialError) Is(target error) bool { return target == ErrUnreachable }

// Unwrap returns the cause.
func (e *DialError) Unwrap() error { return e.Err }

// ExitError reports a remote command that exited with a non-zero status or
// was killed by a signal. The command line is never part of the message.
type ExitError struct {
	// Status is the exit status; 128+N when killed by signal N.
	Status int
	// Signal names the signal that killed the command ("TERM"), or "".
	Signal string
	// Stderr holds the end of the command's standard error (4 KiB at most).
	Stderr string
}

// Error implements error.
func (e *ExitError) Error() string {
	msg := fmt.Sprintf("sshx: remote command exited with status %d", e.Status)
	if e.Signal != "" {
		msg = "sshx: remote command killed by signal " + e.Signal
	}
	if s := strings.TrimSpace(e.Stderr); s != "" {
		msg += ": " + s
	}
	return msg
}

// ExitStatus returns the exit status, as ssh.ExitError does.
func (e *ExitError) ExitStatus() int { return e.Status }

// PassphraseError reports a private key file that could not be decrypted:
// no passphrase was given for an encrypted key (Missing), or the one
// given is wrong. It never holds the passphrase. It matches [ErrAuth]:
// the credential cannot be used, and retrying will not help.
type PassphraseError struct {
	// KeyFile is the path of the private key.
	KeyFile string
	// Missing is true when the key is encrypted and no passphrase was given.
	Missing bool
}

// Error implements error.
func (e *PassphraseError) Error() string {
	if e.Missing {
		return fmt.Sprintf("sshx: private key %s is encrypted: a passphrase is required", e.KeyFile)
	}
	return fmt.Sprintf("sshx: private key %s: the passphrase does not decrypt it", e.KeyFile)
}

// Is reports whether target is [ErrAuth].
func (e *PassphraseError) Is(target error) bool { return target == ErrAuth }
