package sshx_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/sshx"
)

func TestConfigValidate(t *testing.T) {
	ok := sshx.Config{Address: "vm", User: "azureuser", KeyFile: "/k"}
	tests := []struct {
		name   string
		edit   func(*sshx.Config)
		fields []string
	}{
		{"valid key", func(*sshx.Config) {}, nil},
		{"valid agent", func(c *sshx.Config) { c.KeyFile, c.UseAgent = "", true }, nil},
		{"no address", func(c *sshx.Config) { c.Address = "" }, []string{"Address"}},
		{"port too big", func(c *sshx.Config) { c.Port = 70000 }, []string{"Port"}},
		{"negative port", func(c *sshx.Config) { c.Port = -1 }, []string{"Port"}},
		{"no user", func(c *sshx.Config) { c.User = "" }, []string{"User"}},
		{"no credential", func(c *sshx.Config) { c.KeyFile = "" }, []string{"Password"}},
		{"password and key", func(c *sshx.Config) { c.Password = "s3cret" }, []string{"Password"}},
		{"passphrase without key", func(c *sshx.Config) { c.KeyFile, c.Password, c.Passphrase = "", "pw", "pp" }, []string{"Passphrase"}},
		{"agent socket without agent", func(c *sshx.Config) { c.AgentSocket = "/run/agent.sock" }, []string{"AgentSocket"}},
		{"valid agent socket", func(c *sshx.Config) { c.KeyFile, c.UseAgent, c.AgentSocket = "", true, "/run/a.sock" }, nil},
		{"several", func(c *sshx.Config) { c.Address, c.Port, c.Timeout = "", 0x10000, -1 }, []string{"Address", "Port", "Timeout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			err := c.Validate()
			if tt.fields == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			var got []string
			for _, e := range flatten(err) {
				var ce *sshx.ConfigError
				require.ErrorAs(t, e, &ce)
				got = append(got, ce.Field)
			}
			require.Equal(t, tt.fields, got)
			require.NotContains(t, err.Error(), "s3cret")
		})
	}
}

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func TestConfigRedactsSecrets(t *testing.T) {
	c := sshx.Config{Address: "vm", User: "u", Password: "pw-Secret-1", KeyFile: "/k", Passphrase: "pp-Secret-2"}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("dial", "config", c, "ptr", &c)
	type wrapper struct{ C sshx.Config }
	outs := []string{
		fmt.Sprint(c), fmt.Sprintf("%v|%+v|%#v|%s|%q", c, c, c, c, c), fmt.Sprintf("%+v", &c),
		fmt.Sprintf("%+v %#v", wrapper{c}, wrapper{c}), logs.String(), c.Validate().Error(),
	}
	for _, s := range outs {
		require.NotContains(t, s, "pw-Secret-1")
		require.NotContains(t, s, "pp-Secret-2")
	}
	require.Contains(t, fmt.Sprint(c), "Password:REDACTED")
	require.Contains(t, logs.String(), `"password":"REDACTED"`)
	require.True(t, errors.Is(fmt.Errorf("x: %w", &sshx.AuthError{Err: errors.New("e")}), sshx.ErrAuth))
}
