package sshx_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/sshx"
)

// whoami dials cfg and checks that the login is srv's user.
func whoami(t *testing.T, srv *sshtest.Server, cfg sshx.Config) {
	t.Helper()
	c, err := sshx.Dial(t.Context(), cfg)
	require.NoError(t, err, srv.Log())
	defer c.Close()
	out, err := c.Run(t.Context(), "id -un")
	require.NoError(t, err)
	require.Equal(t, srv.User+"\n", string(out))
}

func TestDialEncryptedKey(t *testing.T) {
	srv := sshtest.Start(t)
	const pass = "pp-Right-7f3a"
	key := srv.NewKey(t, pass)
	tests := []struct {
		name       string
		passphrase string
		missing    bool // want a *PassphraseError with Missing
		wrong      bool // want a *PassphraseError without Missing
	}{
		{"right passphrase", pass, false, false},
		{"wrong passphrase", "pp-Wrong-91c2", false, true},
		{"no passphrase", "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := srv.Config()
			cfg.KeyFile, cfg.Passphrase = key, tt.passphrase
			var logs bytes.Buffer
			cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			if !tt.missing && !tt.wrong {
				whoami(t, srv, cfg)
				return
			}
			_, err := sshx.Dial(t.Context(), cfg)
			var pe *sshx.PassphraseError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, key, pe.KeyFile)
			require.Equal(t, tt.missing, pe.Missing)
			require.ErrorIs(t, err, sshx.ErrAuth, "a key that cannot be decrypted is a permanent auth failure")
			require.Contains(t, err.Error(), key)
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v %#v", err, err), logs.String()} {
				require.NotContains(t, s, pass)
				require.NotContains(t, s, "pp-Wrong-91c2")
			}
		})
	}
}

func TestDialKeyCacheReusesTheDecryptedKey(t *testing.T) {
	srv := sshtest.Start(t)
	const pass = "pp-Cache-5d1e"
	key := srv.NewKey(t, pass)
	keys := &sshx.KeyCache{}
	cfg := srv.Config()
	cfg.KeyFile, cfg.Passphrase, cfg.Keys = key, pass, keys
	whoami(t, srv, cfg)
	whoami(t, srv, cfg)
	cfg.Passphrase = "pp-Wrong-3c4d"
	_, err := sshx.Dial(t.Context(), cfg)
	require.ErrorAs(t, err, new(*sshx.PassphraseError), "a cached key does not stand in for a wrong passphrase")
	require.NotContains(t, fmt.Sprintf("%+v %#v", cfg, keys), pass)
}

func TestDialPassphraseForPlainKeyIsIgnored(t *testing.T) {
	srv := sshtest.Start(t)
	cfg := srv.Config()
	cfg.Passphrase = "not-needed"
	whoami(t, srv, cfg)
}

func TestDialAgent(t *testing.T) {
	srv := sshtest.Start(t)
	agent := sshtest.StartAgent(t)
	const pass = "pp-Agent-55e1"
	encrypted := srv.NewKey(t, pass)
	agent.Add(t, encrypted, pass)
	noKey := func() sshx.Config {
		c := srv.Config()
		c.KeyFile, c.UseAgent, c.AgentSocket = "", true, agent.Socket
		return c
	}
	t.Run("agent only", func(t *testing.T) {
		whoami(t, srv, noKey())
	})
	t.Run("encrypted key file without passphrase falls back to the agent", func(t *testing.T) {
		cfg := noKey()
		cfg.KeyFile = encrypted
		whoami(t, srv, cfg)
	})
	t.Run("agent without the key", func(t *testing.T) {
		empty := sshtest.StartAgent(t)
		cfg := noKey()
		cfg.AgentSocket = empty.Socket
		_, err := sshx.Dial(t.Context(), cfg)
		var ae *sshx.AuthError
		require.ErrorAs(t, err, &ae)
		require.Equal(t, []string{"publickey (agent)"}, ae.Methods)
	})
	t.Run("unreachable agent", func(t *testing.T) {
		cfg := noKey()
		cfg.AgentSocket = filepath.Join(t.TempDir(), "none.sock")
		_, err := sshx.Dial(t.Context(), cfg)
		var ce *sshx.ConfigError
		require.ErrorAs(t, err, &ce)
		require.Equal(t, "AgentSocket", ce.Field)
		require.Equal(t, cfg.AgentSocket, ce.Value)
	})
}
