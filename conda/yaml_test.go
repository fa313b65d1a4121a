package conda

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func loadFixture(t *testing.T, name string) *Dependencies {
	t.Helper()
	d, err := Load(filepath.Join("testdata", name))
	require.NoError(t, err)
	return d
}

func TestParseCondaExport(t *testing.T) {
	d := loadFixture(t, "conda_export.yml")
	require.Equal(t, "train", d.Name())
	require.Equal(t, "/home/azureuser/miniconda3/envs/train", d.Prefix())
	require.Equal(t, []string{"pytorch", "conda-forge", "defaults"}, d.Channels())
	require.Len(t, d.CondaPackages(), 19)
	require.Contains(t, d.CondaPackages(), "numpy=1.24.2=py311h8e6699e_0")
	require.Equal(t, "3.11.4", d.PythonVersion())
	require.Equal(t, []string{"azure-core==1.29.3", "certifi==2023.7.22", "charset-normalizer==3.2.0",
		"idna==3.4", "requests==2.31.0", "typing-extensions==4.7.1", "urllib3==2.0.4"}, d.PipPackages())
	require.Empty(t, d.PipOptions())
}

func TestParseSDKDefaultFile(t *testing.T) {
	d := loadFixture(t, "azureml_default_1.0.yml")
	require.Equal(t, "project_environment", d.Name())
	require.Equal(t, []string{"python=3.6.2"}, d.CondaPackages())
	require.Equal(t, "3.6.2", d.PythonVersion())
	require.Equal(t, []string{"azureml-defaults"}, d.PipPackages())
	require.Empty(t, d.Channels())
}

func TestParseHandwritten(t *testing.T) {
	d := loadFixture(t, "handwritten.yml")
	require.Equal(t, "vision-dev", d.Name())
	require.Equal(t, []string{"pytorch", "conda-forge", "defaults"}, d.Channels())
	require.Equal(t, []string{"python>=3.8", "numpy==1.26.4", "pandas >=1.5,<3",
		"conda-forge::scikit-learn=1.3", "pytorch::pytorch 2.1.* *cpu*", "cudatoolkit =11.8", "pip"}, d.CondaPackages())
	require.Equal(t, ">=3.8", d.PythonVersion())
	require.Equal(t, []string{"--index-url https://pypi.org/simple",
		"--extra-index-url https://download.pytorch.org/whl/cpu", "--find-links ./wheels", "--pre"}, d.PipOptions())
	require.Equal(t, []string{"-r requirements.txt", "-e .",
		"git+https://github.com/huggingface/transformers.git@v4.35.2#egg=transformers",
		"https://files.example.com/wheels/tokenizers-0.15.0-cp311-cp311-linux_x86_64.whl",
		`uvicorn[standard]>=0.23 ; python_version >= "3.8"`, "black ~= 23.1", "mlflow-skinny==2.*",
		"my_pkg @ git+https://github.com/example/my_pkg.git@main"}, d.PipPackages())
	require.Equal(t, map[string]string{"PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "4"}, d.Variables())
}

func TestParseEdgeShapes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *Options
	}{
		{"null sections", "name:\nchannels:\ndependencies:\n", &Options{}},
		{"empty pip", "dependencies:\n  - pip:\n", &Options{}},
		{"flow deps", "dependencies: [python=3.9, {pip: [requests]}]\n", &Options{CondaPackages: []string{"python=3.9"}, PipPackages: []string{"requests"}}},
		{"two pip lists merge", "dependencies:\n  - pip: [a]\n  - b\n  - pip: [c]\n", &Options{CondaPackages: []string{"b"}, PipPackages: []string{"a", "c"}}},
		{"alias", "dependencies:\n  - &n numpy\n  - pip: [requests]\nchannels: [*n]\n", &Options{CondaPackages: []string{"numpy"}, PipPackages: []string{"requests"}, Channels: []string{"numpy"}}},
		{"explicit str tag", "dependencies:\n  - !!str numpy\n", &Options{CondaPackages: []string{"numpy"}}},
		{"interleaved options", "dependencies:\n  - pip:\n    - a\n    - --pre\n", &Options{PipPackages: []string{"a"}, PipOptions: []string{"--pre"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.in))
			require.NoError(t, err)
			want, err := New(tt.want)
			require.NoError(t, err)
			require.True(t, want.Equal(got), "got %#v", got)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		line   int
		entry  string
		reason string
	}{
		{"not yaml", "name: [unclosed\n", 1, "", "invalid yaml"},
		{"tab indent", "dependencies:\n\t- numpy\n", 2, "", "invalid yaml"},
		{"empty", "", 0, "", "empty document"},
		{"comment only", "# nothing\n", 0, "", "empty document"},
		{"top-level list", "- numpy\n", 1, "", "top level must be a mapping"},
		{"scalar doc", "numpy\n", 1, "", "top level must be a mapping"},
		{"two documents", "name: a\n---\nname: b\n", 2, "", "more than one YAML document"},
		{"unknown key", "name: a\nplatforms: [linux-64]\n", 2, "platforms", "unknown key"},
		{"duplicate key", "name: a\nname: b\n", 2, "name", "duplicate key"},
		{"pip outside", "dependencies: [numpy]\npip:\n  - requests\n", 2, "pip", "pip list outside dependencies"},
		{"number entry", "dependencies:\n  - numpy\n  - 3.8\n", 3, "3.8", "want a conda package string, got a number"},
		{"bool entry", "dependencies:\n  - true\n", 2, "true", "got a boolean"},
		{"null entry", "dependencies:\n  -\n", 2, "", "got an empty value"},
		{"other map", "dependencies:\n  - numpy\n  - npm:\n      - left-pad\n", 3, "npm", `only "pip:" is allowed`},
		{"list entry", "dependencies:\n  - [a, b]\n", 2, "", "got a list"},
		{"deps not list", "dependencies: numpy\n", 1, "dependencies", "want a list"},
		{"empty conda name", "dependencies:\n  - \"==1.0\"\n", 2, "==1.0", "empty package name"},
		{"empty string entry", "dependencies:\n  - \"\"\n", 2, "", "empty package spec"},
		{"bad conda version", "dependencies:\n  - python=3.10\n  - numpy==\n", 3, "numpy==", `missing version after "=="`},
		{"bad conda operator", "dependencies:\n  - numpy>>1\n", 2, "numpy>>1", `invalid operator ">>"`},
		{"bad pip version", "dependencies:\n  - pip:\n      - ok==1\n      - requests==\n", 4, "requests==", `missing version`},
		{"pip number", "dependencies:\n  - pip:\n      - 42\n", 3, "42", "want a pip package string, got a number"},
		{"pip map", "dependencies:\n  - pip: {a: b}\n", 2, "pip", "want a list, got a mapping"},
		{"bad pip option", "dependencies:\n  - pip:\n      - --user\n", 3, "--user", "unknown pip option"},
		{"bad channel", "channels:\n  - conda forge\n", 2, "conda forge", "whitespace"},
		{"channel number", "channels: [1]\n", 1, "1", "got a number"},
		{"name map", "name: {a: b}\n", 1, "name", "want a single value"},
		{"variables list", "variables: [a]\n", 1, "variables", "want a mapping"},
		{"variable nested", "variables:\n  A: [1]\n", 2, "A", "want a single value"},
		{"variable empty name", "variables:\n  \"\": x\n", 2, "", "non-empty"},
		{"variable duplicate", "variables:\n  A: 1\n  A: 2\n", 3, "A", "duplicate variable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tt.line, pe.Line, "error: %v", err)
			require.Equal(t, tt.entry, pe.Entry)
			require.Contains(t, pe.Reason, tt.reason)
			require.Regexp(t, `^conda: `, err.Error())
		})
	}
}

func TestLoadErrorsNamePath(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "environment.yml")
	require.NoError(t, os.WriteFile(bad, []byte("dependencies:\n  - numpy==\n"), 0o644))
	_, err := Load(bad)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, bad, pe.Path)
	require.Equal(t, bad+`:2: entry "numpy==": conda package: missing version after "=="`, err.Error()[len("conda: "):])

	missing := filepath.Join(dir, "nope.yml")
	_, err = Load(missing)
	require.ErrorIs(t, err, os.ErrNotExist)
	require.Contains(t, err.Error(), missing)
}

func TestRoundTripFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.yml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			d, err := Load(f)
			require.NoError(t, err)
			out, err := d.Marshal()
			require.NoError(t, err)
			again, err := Parse(out)
			require.NoError(t, err)
			require.True(t, d.Equal(again), "round trip changed the value:\n%s", out)
			require.Equal(t, d.Hash(), again.Hash())
			out2, err := again.Marshal()
			require.NoError(t, err)
			require.Equal(t, string(out), string(out2), "marshal is not deterministic")
		})
	}
}

func TestParseErrorIsTyped(t *testing.T) {
	_, err := Parse([]byte("dependencies: [1]"))
	require.True(t, errors.As(err, new(*ParseError)))
	require.False(t, errors.As(err, new(*ValidationError)))
}

// TestMarshalAwkwardScalars checks that text YAML would misread (numbers,
// null words, indicators, odd Unicode) is quoted by Marshal and read back.
func TestMarshalAwkwardScalars(t *testing.T) {
	for _, s := range []string{"", "null", "~", "yes", "0x1F", "1e3", "a: b", "- x", "#c", "[x]", "{x}", "'q'", `"dq"`,
		"x #y", "\u2028", "\ufeff", "\x00", "tab\there", "line\nbreak", " lead", "trail ", "\xff"} {
		d, err := New(nil)
		require.NoError(t, err)
		d.SetName(s)
		d.SetVariable("V", s)
		out, err := d.Marshal()
		require.NoError(t, err, "%q", s)
		again, err := Parse(out)
		require.NoError(t, err, "%q:\n%s", s, out)
		require.True(t, d.Equal(again), "%q:\n%s", s, out)
	}
}
