package sshx_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/sshx"
)

func TestDialAuthMethods(t *testing.T) {
	srv := sshtest.Start(t)
	kbd := sshtest.StartWith(t, &sshtest.Options{KeyboardInteractive: true})
	pw := func(s *sshtest.Server) sshx.Config {
		c := s.Config()
		c.KeyFile, c.Password = "", s.Password
		return c
	}
	tests := []struct {
		name string
		srv  *sshtest.Server
		cfg  sshx.Config
	}{
		{"key", srv, srv.Config()},
		{"password method", srv, pw(srv)},
		{"keyboard-interactive method", kbd, pw(kbd)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := sshx.Dial(t.Context(), tt.cfg)
			require.NoError(t, err, tt.srv.Log())
			defer c.Close()
			out, err := c.Run(t.Context(), "id -un")
			require.NoError(t, err)
			require.Equal(t, tt.srv.User+"\n", string(out))
		})
	}
}

func TestDialWrongPasswordHidesSecret(t *testing.T) {
	srv := sshtest.Start(t)
	cfg := srv.Config()
	cfg.KeyFile, cfg.Password = "", "wrong-Secret-123"
	var logs bytes.Buffer
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, err := sshx.Dial(t.Context(), cfg)
	require.ErrorIs(t, err, sshx.ErrAuth)
	var ae *sshx.AuthError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, srv.User, ae.User)
	require.Contains(t, ae.Methods, "keyboard-interactive")
	for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), logs.String()} {
		require.NotContains(t, s, "wrong-Secret-123")
	}
}

func TestDialHostKeyMismatch(t *testing.T) {
	srv := sshtest.Start(t)
	other, _, _, _, err := ssh.ParseAuthorizedKey([]byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"))
	require.NoError(t, err)
	kh := filepath.Join(t.TempDir(), "known_hosts")
	require.NoError(t, os.WriteFile(kh, []byte(knownhosts.Line([]string{knownhosts.Normalize(srv.Addr)}, other)+"\n"), 0o600))
	cfg := srv.Config()
	cfg.KnownHostsFile, cfg.AcceptUnknownHost = kh, true // opting in must not accept a changed key
	_, err = sshx.Dial(t.Context(), cfg)
	var he *sshx.HostKeyError
	require.ErrorAs(t, err, &he)
	require.ErrorIs(t, err, sshx.ErrUntrustedHost)
	require.Equal(t, []string{ssh.FingerprintSHA256(other)}, he.Known)
	require.Equal(t, srv.HostKeyFingerprint, he.Got)
	require.Contains(t, err.Error(), ssh.FingerprintSHA256(other))
	require.Contains(t, err.Error(), srv.HostKeyFingerprint)
	require.Equal(t, 1, he.Line)
}

func TestDialUnknownHost(t *testing.T) {
	srv := sshtest.Start(t)
	kh := filepath.Join(t.TempDir(), "ssh", "known_hosts") // folder and file missing
	cfg := srv.Config()
	cfg.KnownHostsFile = kh
	_, err := sshx.Dial(t.Context(), cfg)
	var ue *sshx.UnknownHostError
	require.ErrorAs(t, err, &ue)
	require.Equal(t, srv.HostKeyFingerprint, ue.Fingerprint)
	require.Contains(t, err.Error(), "AcceptUnknownHost")
	require.NoFileExists(t, kh)

	cfg.AcceptUnknownHost = true
	c, err := sshx.Dial(t.Context(), cfg)
	require.NoError(t, err)
	require.NoError(t, c.Close())
	data, err := os.ReadFile(kh)
	require.NoError(t, err)
	require.Equal(t, knownhosts.Line([]string{knownhosts.Normalize(srv.Addr)}, srv.HostKey)+"\n", string(data))

	cfg.AcceptUnknownHost = false // now known
	c, err = sshx.Dial(t.Context(), cfg)
	require.NoError(t, err)
	require.NoError(t, c.Close())
}

func TestDialUnreachable(t *testing.T) {
	srv := sshtest.Start(t)
	cfg := srv.Config()
	srv.Stop()
	_, err := sshx.Dial(t.Context(), cfg)
	require.ErrorIs(t, err, sshx.ErrUnreachable)
	var de *sshx.DialError
	require.ErrorAs(t, err, &de)
	require.Equal(t, srv.Addr, de.Host)
	require.True(t, strings.HasPrefix(err.Error(), "sshx: "))
}
