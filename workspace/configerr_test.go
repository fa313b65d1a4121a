package workspace_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace"
)

func TestFromConfigErrors(t *testing.T) {
	tests := []struct {
		name, json   string
		line, column int
		key          string
		missing      []string
		contains     string
	}{
		{"syntax error", "{\n  \"subscription_id\": \"s\",\n  \"resource_group\" \"r\"\n}", 3, 20, "", nil, "invalid JSON"},
		{"truncated", "{\n  \"subscription_id\": \"s\",\n", 3, 1, "", nil, "invalid JSON: unexpected end of JSON input"},
		{"not an object", `["x"]`, 1, 1, "", nil, "must be a JSON object"},
		{"trailing data", `{} {}`, 1, 4, "", nil, "invalid character '{' after top-level value"},
		{"empty file", ``, 1, 1, "", nil, "invalid JSON: unexpected end of JSON input"},
		{"wrong type", "{\n \"workspace_name\": 42}", 2, 20, "workspace_name", nil, "must be a string"},
		{"local not bool", `{"local": "yes"}`, 1, 11, "local", nil, "must be true or false"},
		{"one key missing", `{"subscription_id": "s", "workspace_name": "abc"}`, 0, 0, "", []string{"resource_group"}, "does not seem to contain the required parameters. Please make sure it contains your subscription_id, resource_group and workspace_name."},
		{"empty value counts as missing", `{"subscription_id": "", "resource_group": "r", "workspace_name": "abc"}`, 0, 0, "", []string{"subscription_id"}, "missing subscription_id"},
		{"local false needs keys", `{"local": false}`, 0, 0, "", []string{"subscription_id", "resource_group", "workspace_name"}, "missing subscription_id, resource_group, workspace_name"},
		{"bad scope", `{"Scope": "/subscriptions/s/resourceGroups/r"}`, 1, 11, "Scope", nil, "must be /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<name>"},
		{"bad scope provider", `{"Scope": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/workspaces/abc"}`, 1, 11, "Scope", nil, "got \"/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/workspaces/abc\""},
		{"bad name", `{"subscription_id": "s", "resource_group": "r", "workspace_name": "a b"}`, 1, 67, "workspace_name", nil, `workspace_name "a b": Workspace name must be between 3 and 33 characters long.`},
		{"local and azure", `{"local": true, "subscription_id": "s", "resource_group": "r", "workspace_name": "abc"}`, 1, 11, "local", nil, `contradicts "workspace_name"`},
		{"local_dir and scope", `{"Scope": "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/abc", "local_dir": "x"}`, 1, 120, "local_dir", nil, `contradicts "Scope"`},
		{"empty local_dir", `{"local_dir": ""}`, 1, 15, "local_dir", nil, "must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "config.json")
			writeFiles(t, dir, map[string]string{"config.json": tt.json})
			ws, err := workspace.FromConfig(t.Context(), path, &workspace.FromConfigOptions{LocalDir: filepath.Join(dir, "ws")})
			require.Nil(t, ws)
			var ce *workspace.ConfigError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, path, ce.Path)
			require.Equal(t, tt.line, ce.Line, "line")
			require.Equal(t, tt.column, ce.Column, "column")
			require.Equal(t, tt.key, ce.Key)
			require.Equal(t, tt.missing, ce.Missing)
			require.Contains(t, err.Error(), tt.contains)
			require.Contains(t, err.Error(), "workspace: config "+path)
		})
	}
}

func TestConfigErrorUnwraps(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"bad.json":  `{"subscription_id": "s", "resource_group": "r", "workspace_name": "-x"}`,
		"json.json": `{"a": }`,
	})
	_, err := workspace.FromConfig(t.Context(), filepath.Join(dir, "bad.json"), nil)
	var ve *workspace.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "workspace_name", ve.Field)
	require.Equal(t, "-x", ve.Value)

	_, err = workspace.FromConfig(t.Context(), filepath.Join(dir, "json.json"), nil)
	var se *json.SyntaxError
	require.ErrorAs(t, err, &se)
	require.Equal(t, "workspace: config "+filepath.Join(dir, "json.json")+":1:7: invalid JSON: invalid character '}' looking for beginning of value", err.Error())
}
