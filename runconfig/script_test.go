package runconfig

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestScriptRunConfigValidate(t *testing.T) {
	src := t.TempDir()
	outside := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(src, "pkg"), 0o755))
	for _, p := range []string{filepath.Join(src, "train.py"), filepath.Join(src, "pkg", "run.py"), filepath.Join(outside, "evil.py")} {
		require.NoError(t, os.WriteFile(p, []byte("print(1)\n"), 0o644))
	}
	require.NoError(t, os.Symlink(filepath.Join(outside, "evil.py"), filepath.Join(src, "link.py")))

	tests := []struct {
		name, dir, script string
		field, reason     string
	}{
		{"ok", src, "train.py", "", ""},
		{"nested", src, "pkg/run.py", "", ""},
		{"dot segments inside", src, "pkg/../train.py", "", ""},
		{"absolute inside", src, filepath.Join(src, "train.py"), "", ""},
		{"escape", src, "../" + filepath.Base(outside) + "/evil.py", "script", "must be inside the source directory"},
		{"absolute outside", src, filepath.Join(outside, "evil.py"), "script", "must be inside the source directory"},
		{"symlink out", src, "link.py", "script", "is a symbolic link to a file outside the source directory " + src},
		{"missing", src, "nope.py", "script", "does not exist in the source directory " + src},
		{"directory", src, "pkg", "script", "is not a regular file"},
		{"no script", src, "", "script", "must name the file to run"},
		{"no source dir", filepath.Join(src, "missing"), "train.py", "source_directory", "does not exist"},
		{"source is a file", filepath.Join(src, "train.py"), "train.py", "source_directory", "is not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NewScriptRunConfig(tt.dir, tt.script, nil).Validate()
			if tt.field == "" {
				require.NoError(t, err)
				return
			}
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			require.Len(t, verr.Errors, 1, "%v", err)
			require.Equal(t, tt.field, verr.Errors[0].Field)
			require.Equal(t, tt.reason, verr.Errors[0].Reason)
		})
	}
}

func TestScriptRunConfigCondaFileInSourceDir(t *testing.T) {
	src := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(src, "train.py"), nil, 0o644))
	rc := New()
	rc.Environment.Python.Conda = nil
	rc.Environment.Python.CondaDependenciesFile = "env/conda.yml"
	s := NewScriptRunConfig(src, "train.py", &ScriptRunConfigOptions{RunConfig: rc})

	var verr *ValidationError
	require.ErrorAs(t, s.Validate(), &verr)
	require.Equal(t, "environment.python.conda_dependencies_file", verr.Errors[0].Field)

	require.NoError(t, os.MkdirAll(filepath.Join(src, "env"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "env", "conda.yml"), []byte("name: x\n"), 0o644))
	require.NoError(t, s.Validate())
}

func TestScriptRunConfigEffective(t *testing.T) {
	src := t.TempDir()
	rc := New()
	rc.Script, rc.Arguments, rc.Target = "old.py", []string{"--old"}, "cpu-cluster"

	tests := []struct {
		name       string
		script     string
		opts       *ScriptRunConfigOptions
		wantScript string
		wantArgs   []string
		wantTarget string
	}{
		{"defaults", "", nil, "", []string{}, TargetLocal},
		{"run config kept", "", &ScriptRunConfigOptions{RunConfig: rc}, "old.py", []string{"--old"}, "cpu-cluster"},
		{"overrides", "new.py", &ScriptRunConfigOptions{RunConfig: rc, Arguments: []string{"--new"}, Target: "gpu-cluster"},
			"new.py", []string{"--new"}, "gpu-cluster"},
		{"absolute script made relative", filepath.Join(src, "sub", "a.py"), nil, "sub/a.py", []string{}, TargetLocal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewScriptRunConfig(src, tt.script, tt.opts)
			eff := s.Effective()
			require.Equal(t, tt.wantScript, eff.Script)
			require.Equal(t, tt.wantArgs, eff.Arguments)
			require.Equal(t, tt.wantTarget, eff.Target)
			eff.Arguments = append(eff.Arguments, "mutated")
			eff.Environment.EnvironmentVariables["X"] = "y"
		})
	}
	require.Equal(t, []string{"--old"}, rc.Arguments, "Effective shares slices with RunConfig")
	require.NotContains(t, rc.Environment.EnvironmentVariables, "X", "Effective shares maps with RunConfig")
}

func TestNewScriptRunConfigCopiesOptions(t *testing.T) {
	args := []string{"a"}
	s := NewScriptRunConfig(".", "x.py", &ScriptRunConfigOptions{Arguments: args})
	args[0] = "changed"
	require.Equal(t, []string{"a"}, s.Arguments)
	require.NotNil(t, s.RunConfig)
}
