package workspace_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace"
)

func azureWorkspace(t *testing.T) *workspace.Workspace {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"config.json": `{"subscription_id": "s-1", "resource_group": "rg-1", "workspace_name": "ws-1"}`})
	ws, err := workspace.FromConfig(t.Context(), filepath.Join(dir, "config.json"), nil)
	require.NoError(t, err)
	return ws
}

func TestWriteConfigAzure(t *testing.T) {
	tests := []struct {
		name     string
		existing map[string]string
		fileName string
		want     string // relative path written
	}{
		{"creates .azureml", nil, "", ".azureml/config.json"},
		{"aml_config when it exists", map[string]string{"aml_config/run.runconfig": "x"}, "", "aml_config/config.json"},
		{"keeps project.json", map[string]string{".azureml/project.json": "{}"}, "", ".azureml/project.json"},
		{"file name gets .json", nil, "ws_config", ".azureml/ws_config.json"},
		{"file name with .json", nil, "ws.json", ".azureml/ws.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := azureWorkspace(t)
			dir := t.TempDir()
			writeFiles(t, dir, tt.existing)
			path, err := ws.WriteConfig(t.Context(), dir, &workspace.WriteConfigOptions{FileName: tt.fileName})
			require.NoError(t, err)
			require.Equal(t, filepath.Join(dir, filepath.FromSlash(tt.want)), path)

			data, err := os.ReadFile(path)
			require.NoError(t, err)
			require.JSONEq(t, fmt.Sprintf(`{"Id": null, "Scope": "`+scopeOf+`"}`, "s-1", "rg-1", "ws-1"), string(data))

			back, err := workspace.FromConfig(t.Context(), path, nil)
			require.NoError(t, err)
			require.Equal(t, ws.ID(), back.ID())
			require.Equal(t, workspace.KindAzure, back.Kind())
			entries, err := os.ReadDir(filepath.Dir(path))
			require.NoError(t, err)
			for _, e := range entries {
				require.NotContains(t, e.Name(), ".tmp", "no temp file may be left")
			}
		})
	}
}

func TestWriteConfigLocalRoundTrip(t *testing.T) {
	ws, err := workspace.Local(t.Context(), &workspace.LocalOptions{Dir: filepath.Join(t.TempDir(), "ws")})
	require.NoError(t, err)
	project := t.TempDir()
	t.Chdir(project)
	path, err := ws.WriteConfig(t.Context(), "", nil)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(project, ".azureml", "config.json"), path)

	var doc map[string]any
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &doc))
	require.Equal(t, map[string]any{"local": true, "local_dir": ws.LocalDir()}, doc)

	sub := filepath.Join(project, "src", "pkg")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	back, err := workspace.FromConfig(t.Context(), sub, nil)
	require.NoError(t, err)
	require.True(t, back.IsLocal())
	require.Equal(t, ws.LocalDir(), back.LocalDir())
}

func TestWriteConfigRejectsPathAsFileName(t *testing.T) {
	ws := azureWorkspace(t)
	for _, name := range []string{"../x.json", "a/b.json", ".."} {
		_, err := ws.WriteConfig(t.Context(), t.TempDir(), &workspace.WriteConfigOptions{FileName: name})
		var ve *workspace.ValidationError
		require.ErrorAs(t, err, &ve, name)
		require.Equal(t, "file_name", ve.Field)
		require.Equal(t, name, ve.Value)
	}
}

func TestWriteConfigUnwritable(t *testing.T) {
	ws := azureWorkspace(t)
	dir := t.TempDir()
	// A file where the config folder should be: fails even for root.
	writeFiles(t, dir, map[string]string{".azureml": "not a folder"})
	_, err := ws.WriteConfig(t.Context(), dir, nil)
	require.ErrorIs(t, err, syscall.ENOTDIR)
	require.ErrorContains(t, err, "workspace: could not write the config file to: "+filepath.Join(dir, ".azureml"))
}
