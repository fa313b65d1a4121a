package runconfig

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// copyTree copies testdata/<name> into a temporary directory.
func copyTree(t *testing.T, name string) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("testdata", name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	require.NoError(t, err)
	return dst
}

func TestLoadSDKFiles(t *testing.T) {
	tests := []struct {
		project, name string
		check         func(t *testing.T, rc *RunConfiguration)
	}{
		{"sdk10x", "local", func(t *testing.T, rc *RunConfiguration) {
			require.Equal(t, "train.py", rc.Script)
			require.Equal(t, TargetLocal, rc.Target)
			require.Equal(t, FrameworkPython, rc.Framework)
			require.Equal(t, CommunicatorNone, rc.Communicator)
			require.Equal(t, "mcr.microsoft.com/azureml/base:0.2.0", rc.Environment.Docker.BaseImage)
			require.Equal(t, "aml_config/conda_dependencies.yml", rc.Environment.Python.CondaDependenciesFile)
			require.NotNil(t, rc.Environment.Python.Conda)
			require.Equal(t, "3.6.2", rc.Environment.Python.Conda.PythonVersion())
			require.Equal(t, "1", rc.Spark.Configuration["spark.yarn.maxAppAttempts"])
			require.Equal(t, 1, rc.AmlCompute.ClusterMaxNodeCount)
			require.Equal(t, []SparkPackage{{"com.microsoft.ml.spark", "mmlspark_2.11", "0.12"}}, rc.Environment.Spark.Packages)
		}},
		{"sdk10x", "aml_compute.runconfig", func(t *testing.T, rc *RunConfiguration) {
			require.Equal(t, []string{"--epochs", "10"}, rc.Arguments)
			require.Equal(t, 3600, rc.MaxRunDurationSeconds)
			require.True(t, rc.Environment.Docker.Enabled)
			require.Equal(t, "1g", rc.Environment.Docker.ShmSize)
			require.Equal(t, map[string]DataReference{"workspaceblobstore": {
				DataStoreName: "workspacefilestore", PathOnDataStore: "data",
				Mode: DataReferenceModeMount, PathOnCompute: "./",
			}}, rc.DataReferences)
			require.Equal(t, VMPriority(""), rc.AmlCompute.VMPriority)
		}},
		{"late", "train", func(t *testing.T, rc *RunConfiguration) {
			require.Equal(t, "gpu-cluster", rc.Target)
			require.Equal(t, FrameworkPyTorch, rc.Framework)
			require.Equal(t, CommunicatorNccl, rc.Communicator)
			require.Equal(t, 2, rc.NodeCount)
			require.Equal(t, "pytorch-env", rc.Environment.Name)
			require.Equal(t, "INFO", rc.Environment.EnvironmentVariables["NCCL_DEBUG"])
			require.Equal(t, "myregistry.azurecr.io", rc.Environment.Docker.BaseImageRegistry.Address)
			require.Equal(t, "2g", rc.Environment.Docker.ShmSize)
			require.Equal(t, []string{"logs"}, rc.History.DirectoriesToWatch)
			require.Equal(t, []string{"azureml-defaults", "torch==1.10.0"}, rc.Environment.Python.Conda.PipPackages())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.project+"/"+tt.name, func(t *testing.T) {
			rc, err := Load(filepath.Join("testdata", tt.project), tt.name)
			require.NoError(t, err)
			tt.check(t, rc)
			require.NoError(t, rc.Validate())
		})
	}
}

func TestRoundTripKeepsEverything(t *testing.T) {
	tests := []struct {
		project, name string
		keep          []string // YAML paths of unknown keys that must survive
	}{
		{"sdk10x", "local", []string{"autoPrepareEnvironment", "environment.databricks.mavenLibraries"}},
		{"sdk10x", "aml_compute", []string{"autoPrepareEnvironment", "environment.databricks"}},
		{"late", "train", []string{"priority", "docker.useDocker", "pytorch.processCount",
			"environment.version", "environment.docker.platform.os",
			"environment.docker.baseImageRegistry.registryIdentity", "mpi.nodeCount", "kubernetescompute"}},
	}
	for _, tt := range tests {
		t.Run(tt.project+"/"+tt.name, func(t *testing.T) {
			dir := copyTree(t, tt.project)
			first, err := Load(dir, tt.name)
			require.NoError(t, err)
			before, err := os.ReadFile(filepath.Join(dir, configDirName(dir), tt.name+Extension))
			require.NoError(t, err)

			path, err := first.Save(dir, tt.name)
			require.NoError(t, err)
			second, err := Load(dir, tt.name)
			require.NoError(t, err)
			require.True(t, first.Equal(second), "load -> save -> load changed the settings")

			after, err := os.ReadFile(path)
			require.NoError(t, err)
			for _, key := range tt.keep {
				require.True(t, hasPath(t, after, key), "key %s lost", key)
			}
			// Comments of the SDK file are kept.
			for _, line := range strings.Split(string(before), "\n") {
				if c := strings.TrimSpace(line); strings.HasPrefix(c, "# ") {
					require.Contains(t, string(after), c)
				}
			}
			// A second save is byte-identical.
			_, err = second.Save(dir, tt.name)
			require.NoError(t, err)
			again, err := os.ReadFile(path)
			require.NoError(t, err)
			require.Equal(t, string(after), string(again))
		})
	}
}

// hasPath reports whether the YAML document has the dotted key path.
func hasPath(t *testing.T, data []byte, dotted string) bool {
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(data, &doc))
	n := doc.Content[0]
	for _, key := range strings.Split(dotted, ".") {
		found := false
		for i := 0; i+1 < len(n.Content) && n.Kind == yaml.MappingNode; i += 2 {
			if n.Content[i].Value == key {
				n, found = n.Content[i+1], true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func TestUnknownKeysSurviveEdits(t *testing.T) {
	src := "myKey: [1, 2]\nenvironment:\n  docker:\n    myNested: {a: b}\n    enabled: false\n  environmentVariables:\n    A: x\n    B: y\nnodeCount: 1\n"
	rc, err := Parse([]byte(src))
	require.NoError(t, err)
	rc.NodeCount = 4
	rc.Environment.Docker.Enabled = true
	delete(rc.Environment.EnvironmentVariables, "A")
	rc.Environment.EnvironmentVariables["C"] = "z"
	out, err := rc.Marshal()
	require.NoError(t, err)

	require.True(t, hasPath(t, out, "myKey"))
	require.True(t, hasPath(t, out, "environment.docker.myNested.a"))
	require.False(t, hasPath(t, out, "environment.environmentVariables.A"), "a deleted variable came back")
	back, err := Parse(out)
	require.NoError(t, err)
	require.Equal(t, 4, back.NodeCount)
	require.True(t, back.Environment.Docker.Enabled)
	require.Equal(t, map[string]string{"B": "y", "C": "z"}, back.Environment.EnvironmentVariables)
	require.True(t, rc.Equal(back))
}

func TestNewMarshalsInSDKOrder(t *testing.T) {
	out, err := New().Marshal()
	require.NoError(t, err)
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(out, &doc))
	var keys []string
	for i := 0; i < len(doc.Content[0].Content); i += 2 {
		keys = append(keys, doc.Content[0].Content[i].Value)
	}
	require.Equal(t, []string{"script", "arguments", "target", "framework", "communicator",
		"maxRunDurationSeconds", "nodeCount", "environment", "history", "spark", "hdi", "tensorflow",
		"mpi", "dataReferences", "sourceDirectoryDataStore", "amlcompute"}, keys)
	require.Contains(t, string(out), "maxRunDurationSeconds:\n")
	require.Contains(t, string(out), "spark.yarn.maxAppAttempts: 1\n")
	back, err := Parse(out)
	require.NoError(t, err)
	require.True(t, New().Equal(back))
}

func TestSaveLayout(t *testing.T) {
	tests := []struct {
		name      string
		legacy    bool
		wantDir   string
		condaFile string
	}{
		{"late layout", false, ConfigDir, ".azureml/conda_dependencies.yml"},
		{"aml_config exists", true, LegacyConfigDir, "aml_config/conda_dependencies.yml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.legacy {
				require.NoError(t, os.Mkdir(filepath.Join(dir, LegacyConfigDir), 0o755))
			}
			rc := New()
			rc.Script = "train.py"
			path, err := rc.Save(dir, "train")
			require.NoError(t, err)
			require.Equal(t, filepath.Join(dir, tt.wantDir, "train.runconfig"), path)
			require.FileExists(t, filepath.Join(dir, filepath.FromSlash(tt.condaFile)))
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			require.Contains(t, string(data), "condaDependenciesFile: "+tt.condaFile+"\n")
			require.NotContains(t, string(data), "condaDependencies:", "conda written inline")
			require.Empty(t, rc.Environment.Python.CondaDependenciesFile, "Save modified its receiver")

			entries, err := os.ReadDir(filepath.Join(dir, tt.wantDir))
			require.NoError(t, err)
			require.Len(t, entries, 2, "temporary files left behind")
		})
	}
}

func TestSaveRejectsBadNames(t *testing.T) {
	for _, name := range []string{"", ".", "..", "a/b", `a\b`} {
		_, err := New().Save(t.TempDir(), name)
		var fe *FieldError
		require.ErrorAs(t, err, &fe, "name %q", name)
		require.Equal(t, "name", fe.Field)
	}
}

func TestLoadSearchOrder(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, target string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("target: "+target+"\n"), 0o644))
	}
	load := func() string {
		rc, err := Load(dir, "x")
		require.NoError(t, err)
		return rc.Target
	}
	write("x.runconfig", "root")
	require.Equal(t, "root", load())
	write(".azureml/x.runconfig", "azureml")
	require.Equal(t, "azureml", load())
	write(".azureml/x", "noext")
	require.Equal(t, "noext", load())
	write("aml_config/x.runconfig", "legacy")
	require.Equal(t, "legacy", load())
}

func TestLoadNotFound(t *testing.T) {
	_, err := Load(t.TempDir(), "missing")
	require.ErrorIs(t, err, fs.ErrNotExist)
	require.Contains(t, err.Error(), `runconfig: no run configuration "missing"`)
}

func TestLoadFileProjectDir(t *testing.T) {
	rc, err := LoadFile(filepath.Join("testdata", "late", ".azureml", "train.runconfig"))
	require.NoError(t, err)
	require.NotNil(t, rc.Environment.Python.Conda, "conda file not resolved against the project folder")
	require.Equal(t, filepath.Join("testdata", "late"), rc.baseDir)
}

func TestLoadBrokenCondaFile(t *testing.T) {
	dir := copyTree(t, "late")
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".azureml", "conda_dependencies.yml"), []byte("- just a list\n"), 0o644))
	_, err := Load(dir, "train")
	var perr *ParseError
	require.ErrorAs(t, err, &perr)
	require.Equal(t, "environment.python.condaDependenciesFile", perr.Key)
	require.True(t, strings.HasPrefix(err.Error(), "runconfig: "+filepath.Join(dir, ".azureml", "train.runconfig")))
}

func TestPasswordNeverWritten(t *testing.T) {
	rc, err := Parse([]byte("environment:\n  docker:\n    baseImageRegistry:\n      address: r.io\n      username: u\n      password: hunter2\n"))
	require.NoError(t, err)
	require.Equal(t, "hunter2", rc.Environment.Docker.BaseImageRegistry.Password.Reveal())
	out, err := rc.Marshal()
	require.NoError(t, err)
	require.NotContains(t, string(out), "hunter2")
	require.True(t, hasPath(t, out, "environment.docker.baseImageRegistry.password"))

	path, err := rc.Save(t.TempDir(), "r")
	require.NoError(t, err)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NotContains(t, string(data), "hunter2")
}

func TestParseInlineConda(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "rundefinition.runconfig"))
	require.NoError(t, err)
	rc, err := Parse(data)
	require.NoError(t, err)
	require.NotNil(t, rc.Environment.Python.Conda)
	require.Equal(t, []string{"azureml-defaults"}, rc.Environment.Python.Conda.PipPackages())

	rc.Environment.Python.Conda = nil
	out, err := rc.Marshal()
	require.NoError(t, err)
	require.NotContains(t, string(out), "condaDependencies:", "removed conda dependencies came back")
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		key, msg  string
	}{
		{"int", "script: a.py\nnodeCount: two\n", 2, "nodeCount", `runconfig: f.runconfig:2: nodeCount: "two" is not an integer`},
		{"nested int", "mpi:\n  processCountPerNode: 1.5\n", 2, "mpi.processCountPerNode", `runconfig: f.runconfig:2: mpi.processCountPerNode: "1.5" is not an integer`},
		{"bool", "environment:\n  docker:\n    enabled: maybe\n", 3, "environment.docker.enabled", `runconfig: f.runconfig:3: environment.docker.enabled: "maybe" is not a boolean`},
		{"list", "arguments: --x\n", 1, "arguments", `runconfig: f.runconfig:1: arguments: "--x" is not a list`},
		{"section", "history: yes\n", 1, "history", `runconfig: f.runconfig:1: history: must be a mapping, not "yes"`},
		{"map key", "dataReferences:\n  [a]: {}\n", 2, "dataReferences", "runconfig: f.runconfig:2: dataReferences: keys must be strings, not a list"},
		{"not a mapping", "- a\n", 1, "", "runconfig: f.runconfig:1: the document must be a mapping, not a list"},
		{"empty", "", 0, "", "runconfig: f.runconfig: empty document"},
		{"syntax", "a: b\n- c\n", 1, "", "runconfig: f.runconfig:1: did not find expected key"},
		{"password", "environment:\n  docker:\n    baseImageRegistry:\n      password: [s3cret]\n", 4,
			"environment.docker.baseImageRegistry.password", "runconfig: f.runconfig:4: environment.docker.baseImageRegistry.password: is not a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decoder{file: "f.runconfig"}.parse([]byte(tt.src))
			var perr *ParseError
			require.ErrorAs(t, err, &perr)
			require.Equal(t, tt.line, perr.Line)
			require.Equal(t, tt.key, perr.Key)
			require.Equal(t, tt.msg, err.Error())
			require.NotContains(t, err.Error(), "s3cret")
		})
	}
}

func TestAliasesAreExpanded(t *testing.T) {
	rc, err := Parse([]byte("script: &s train.py\nmine: *s\n"))
	require.NoError(t, err)
	rc.Script = "other.py"
	out, err := rc.Marshal()
	require.NoError(t, err)
	back, err := Parse(out)
	require.NoError(t, err, "dangling alias in:\n%s", out)
	require.Equal(t, "other.py", back.Script)
	require.True(t, hasPath(t, out, "mine"))

	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
		"e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	_, err = Parse([]byte(bomb))
	require.True(t, errors.As(err, new(*ParseError)))
	require.Contains(t, err.Error(), "too large")
}

func TestFlowStyleNullsReadBack(t *testing.T) {
	rc, err := Parse([]byte("{x: , amlcompute: {clusterMaxNodeCount: }}"))
	require.NoError(t, err)
	out, err := rc.Marshal()
	require.NoError(t, err)
	require.NotContains(t, string(out), "''", "a null became an empty string")
	back, err := Parse(out)
	require.NoError(t, err, "%s", out)
	require.True(t, rc.Equal(back))
}
