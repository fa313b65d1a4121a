package workspace_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace"
)

const scopeOf = "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.MachineLearningServices/workspaces/%s"

func azureJSON(name string) string {
	return `{"subscription_id": "sub-` + name + `", "resource_group": "rg", "workspace_name": "` + name + `"}`
}

// writeFiles creates files (relative path -> content) under root.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

func TestFromConfigSearch(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		start    string
		fileName string
		want     string // workspace name
	}{
		{"plain config in start folder", map[string]string{"a/b/c/config.json": azureJSON("here")}, "a/b/c", "", "here"},
		{"walks up to a parent", map[string]string{"a/.azureml/config.json": azureJSON("parent")}, "a/b/c", "", "parent"},
		{".azureml in an ancestor beats plain config.json nearby", map[string]string{
			"a/b/c/config.json": azureJSON("plain"), ".azureml/config.json": azureJSON("dotazureml"),
		}, "a/b/c", "", "dotazureml"},
		{"aml_config beats .azureml", map[string]string{
			"a/b/c/.azureml/config.json": azureJSON("dotazureml"), "a/aml_config/config.json": azureJSON("amlconfig"),
		}, "a/b/c", "", "amlconfig"},
		{"config.json anywhere beats project.json", map[string]string{
			"a/b/c/.azureml/project.json": azureJSON("project"), ".azureml/config.json": azureJSON("config"),
		}, "a/b/c", "", "config"},
		{"project.json is read", map[string]string{"a/aml_config/project.json": azureJSON("legacy")}, "a/b", "", "legacy"},
		{"a file path is used as is", map[string]string{"x/my.json": azureJSON("direct"), "x/.azureml/config.json": azureJSON("other")}, "x/my.json", "", "direct"},
		{"FileName replaces the default names", map[string]string{
			"a/.azureml/config.json": azureJSON("default"), ".azureml/ws.json": azureJSON("named"),
		}, "a", "ws.json", "named"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			start := filepath.Join(root, filepath.FromSlash(tt.start))
			require.NoError(t, os.MkdirAll(filepath.Dir(start), 0o755))
			if filepath.Ext(start) == "" {
				require.NoError(t, os.MkdirAll(start, 0o755))
			}
			ws, err := workspace.FromConfig(t.Context(), start, &workspace.FromConfigOptions{FileName: tt.fileName})
			require.NoError(t, err)
			require.Equal(t, workspace.KindAzure, ws.Kind())
			require.Equal(t, tt.want, ws.Name())
			require.Equal(t, "sub-"+tt.want, ws.SubscriptionID())
			require.FileExists(t, ws.ConfigPath())
		})
	}
}

func TestFromConfigDefaultsToCurrentFolder(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{".azureml/config.json": azureJSON("cwd")})
	t.Chdir(root)
	ws, err := workspace.FromConfig(t.Context(), "", nil)
	require.NoError(t, err)
	require.Equal(t, "cwd", ws.Name())
}

func TestFromConfigForms(t *testing.T) {
	scope := "/subscriptions/0000-1111/resourceGroups/my-rg/providers/Microsoft.MachineLearningServices/workspaces/my_ws"
	tests := []struct {
		name, json string
	}{
		{"keys", `{"subscription_id": "0000-1111", "resource_group": "my-rg", "workspace_name": "my_ws"}`},
		{"scope", `{"Id": null, "Scope": "` + scope + `"}`},
		{"scope wins over keys", `{"Scope": "` + scope + `", "workspace_name": "other"}`},
		{"scope literal case ignored", `{"Scope": "/SUBSCRIPTIONS/0000-1111/resourcegroups/my-rg/providers/microsoft.machinelearningservices/Workspaces/my_ws"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			writeFiles(t, filepath.Dir(path), map[string]string{"config.json": tt.json})
			ws, err := workspace.FromConfig(t.Context(), path, nil)
			require.NoError(t, err)
			require.False(t, ws.IsLocal())
			require.Equal(t, "0000-1111", ws.SubscriptionID())
			require.Equal(t, "my-rg", ws.ResourceGroup())
			require.Equal(t, "my_ws", ws.Name())
			require.Empty(t, ws.Location())
			require.Empty(t, ws.LocalDir())
			require.Equal(t, scope, ws.ID())
			require.Equal(t, path, ws.ConfigPath())
		})
	}
}

func TestFromConfigLocal(t *testing.T) {
	tests := []struct {
		name, json, optDir, wantRel string
	}{
		{"empty object", `{}`, "", "default"},
		{"local true", `{"local": true}`, "", "default"},
		{"unrelated keys", `{"port": 8080}`, "", "default"},
		{"relative local_dir", `{"local_dir": "ws"}`, "", "proj/ws"},
		{"local_dir with local", `{"local": true, "local_dir": "../shared"}`, "", "shared"},
		{"option beats local_dir", `{"local_dir": "ws"}`, "opt", "opt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			t.Setenv(workspace.HomeEnv, filepath.Join(root, "default"))
			writeFiles(t, root, map[string]string{"proj/config.json": tt.json})
			opts := &workspace.FromConfigOptions{}
			if tt.optDir != "" {
				opts.LocalDir = filepath.Join(root, tt.optDir)
			}
			ws, err := workspace.FromConfig(t.Context(), filepath.Join(root, "proj"), opts)
			require.NoError(t, err)
			require.True(t, ws.IsLocal())
			require.Equal(t, workspace.LocalName, ws.Name())
			require.Equal(t, filepath.Join(root, filepath.FromSlash(tt.wantRel)), ws.LocalDir())
			require.Equal(t, filepath.Join(root, "proj", "config.json"), ws.ConfigPath())
			require.FileExists(t, filepath.Join(ws.LocalDir(), "format.json"))
		})
	}
}

func TestFromConfigNoConfig(t *testing.T) {
	root := t.TempDir()
	local := filepath.Join(root, "ws")
	ws, err := workspace.FromConfig(t.Context(), root, &workspace.FromConfigOptions{LocalDir: local})
	require.NoError(t, err)
	require.True(t, ws.IsLocal())
	require.Equal(t, local, ws.LocalDir())
	require.Empty(t, ws.ConfigPath())

	_, err = workspace.FromConfig(t.Context(), root, &workspace.FromConfigOptions{RequireConfig: true})
	var nf *workspace.ConfigNotFoundError
	require.ErrorAs(t, err, &nf)
	require.ErrorIs(t, err, fs.ErrNotExist)
	require.Equal(t, root, nf.Dir)
	require.Contains(t, err.Error(), "workspace: the workspace configuration file config.json, could not be found in "+root+" or its parent directories.")

	_, err = workspace.FromConfig(t.Context(), filepath.Join(root, "missing.json"), nil)
	require.ErrorIs(t, err, fs.ErrNotExist)
}
