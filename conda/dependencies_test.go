package conda

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNewNilIsEmpty(t *testing.T) {
	d, err := New(nil)
	require.NoError(t, err)
	require.Empty(t, d.Name())
	require.Empty(t, d.CondaPackages())
	require.Empty(t, d.PipPackages())
	require.Empty(t, d.Channels())
	require.Empty(t, d.PipOptions())
	require.Empty(t, d.PythonVersion())
	require.NotNil(t, d.Variables())
	out, err := d.Marshal()
	require.NoError(t, err)
	require.Equal(t, "dependencies: []\n", string(out))
}

func TestNewOptions(t *testing.T) {
	opts := &Options{
		Name:          "train",
		PythonVersion: "3.10.4",
		CondaPackages: []string{"numpy>=1.24", "python=3.8", "scipy"},
		PipPackages:   []string{"requests==2.31.0", "Requests==2.32.0"},
		Channels:      []string{"conda-forge", "defaults", "conda-forge"},
		PipOptions:    []string{"--index-url https://a", "-i https://b", "--extra-index-url https://c"},
	}
	d, err := New(opts)
	require.NoError(t, err)
	require.Equal(t, "train", d.Name())
	require.Equal(t, []string{"numpy>=1.24", "python=3.10.4", "scipy"}, d.CondaPackages())
	require.Equal(t, "3.10.4", d.PythonVersion())
	require.Equal(t, []string{"Requests==2.32.0"}, d.PipPackages())
	require.Equal(t, []string{"conda-forge", "defaults"}, d.Channels())
	require.Equal(t, []string{"-i https://b", "--extra-index-url https://c"}, d.PipOptions())
	require.Equal(t, []string{"numpy>=1.24", "python=3.8", "scipy"}, opts.CondaPackages, "New must not modify opts")
}

func TestNewRejectsInvalid(t *testing.T) {
	tests := []struct {
		opts  Options
		field string
		value string
	}{
		{Options{CondaPackages: []string{"numpy=="}}, "conda_packages", "numpy=="},
		{Options{PipPackages: []string{"numpy>>1"}}, "pip_packages", "numpy>>1"},
		{Options{PipPackages: []string{"--index-url https://x"}}, "pip_packages", "--index-url https://x"},
		{Options{Channels: []string{""}}, "channels", ""},
		{Options{PipOptions: []string{"--user"}}, "pip_options", "--user"},
		{Options{PythonVersion: "3.8 beta"}, "python_version", "3.8 beta"},
		{Options{PythonVersion: "3..8"}, "python_version", "3..8"},
	}
	for _, tt := range tests {
		t.Run(tt.field+" "+tt.value, func(t *testing.T) {
			_, err := New(&tt.opts)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, tt.field, ve.Field)
			require.Equal(t, tt.value, ve.Value)
			require.NotEmpty(t, ve.Reason)
			require.Regexp(t, `^conda: `+tt.field+` "`, err.Error())
		})
	}
}

func TestAddCondaPackageReplacesByName(t *testing.T) {
	d, err := New(&Options{CondaPackages: []string{"numpy=1.20", "scipy", "conda-forge::NumPy>=1"}})
	require.NoError(t, err)
	require.Equal(t, []string{"conda-forge::NumPy>=1", "scipy"}, d.CondaPackages(), "same name with other channel/case replaces")
	require.NoError(t, d.AddCondaPackage("numpy 1.26.*"))
	require.Equal(t, []string{"numpy 1.26.*", "scipy"}, d.CondaPackages())
	require.NoError(t, d.AddCondaPackage("pandas"))
	require.Equal(t, []string{"numpy 1.26.*", "scipy", "pandas"}, d.CondaPackages())
	require.Error(t, d.AddCondaPackage("pandas>>2"))
	require.Equal(t, []string{"numpy 1.26.*", "scipy", "pandas"}, d.CondaPackages(), "a rejected add changes nothing")
	d.RemoveCondaPackage("NUMPY")
	d.RemoveCondaPackage("absent")
	require.Equal(t, []string{"scipy", "pandas"}, d.CondaPackages())
}

func TestUpsertDropsDuplicatesFromParsedFile(t *testing.T) {
	d, err := Parse([]byte("dependencies: [numpy=1, scipy, numpy=2, pip]\n"))
	require.NoError(t, err)
	require.NoError(t, d.AddCondaPackage("numpy=3"))
	require.Equal(t, []string{"numpy=3", "scipy", "pip"}, d.CondaPackages())
}

func TestPythonVersion(t *testing.T) {
	d, err := New(&Options{CondaPackages: []string{"numpy"}})
	require.NoError(t, err)
	require.NoError(t, d.SetPythonVersion("3.11"))
	require.Equal(t, []string{"python=3.11", "numpy"}, d.CondaPackages(), "python goes first when absent")
	require.NoError(t, d.AddCondaPackage("pandas"))
	require.NoError(t, d.SetPythonVersion(">=3.9"))
	require.Equal(t, []string{"python>=3.9", "numpy", "pandas"}, d.CondaPackages(), "replaced in place")
	require.Equal(t, ">=3.9", d.PythonVersion())
	require.NoError(t, d.AddCondaPackage("python=3.12.1=h0_cpython"))
	require.Equal(t, "3.12.1", d.PythonVersion())
	require.NoError(t, d.SetPythonVersion(""))
	require.Empty(t, d.PythonVersion())
	require.Equal(t, []string{"numpy", "pandas"}, d.CondaPackages())
}

func TestPipPackages(t *testing.T) {
	d, err := New(nil)
	require.NoError(t, err)
	for _, p := range []string{"requests==2.0", "-r requirements.txt", "git+https://github.com/o/my-lib.git#egg=my_lib", "-e ."} {
		require.NoError(t, d.AddPipPackage(p))
	}
	require.NoError(t, d.AddPipPackage("requests>=2.31"))
	require.NoError(t, d.AddPipPackage("My.Lib==1.0"))
	require.NoError(t, d.AddPipPackage("-r requirements.txt"))
	require.Equal(t, []string{"requests>=2.31", "-r requirements.txt", "My.Lib==1.0", "-e ."}, d.PipPackages())
	d.RemovePipPackage("REQUESTS")
	d.RemovePipPackage("-e .")
	d.RemovePipPackage("my_lib")
	require.Equal(t, []string{"-r requirements.txt"}, d.PipPackages())
}

func TestChannels(t *testing.T) {
	d, err := New(nil)
	require.NoError(t, err)
	require.NoError(t, d.AddChannel("conda-forge"))
	require.NoError(t, d.AddChannel(" pytorch "))
	require.NoError(t, d.AddChannel("conda-forge"))
	require.Equal(t, []string{"conda-forge", "pytorch"}, d.Channels())
	var ve *ValidationError
	require.ErrorAs(t, d.AddChannel("bad channel"), &ve)
	require.Equal(t, "channels", ve.Field)
	d.RemoveChannel("conda-forge")
	require.Equal(t, []string{"pytorch"}, d.Channels())
}

func TestPipOptions(t *testing.T) {
	d, err := New(nil)
	require.NoError(t, err)
	steps := []struct {
		op   func() error
		want []string
	}{
		{func() error { return d.SetPipOption("--index-url https://a") }, []string{"--index-url https://a"}},
		{func() error { return d.SetPipOption("--index-url=https://b") }, []string{"--index-url=https://b"}},
		{func() error { return d.SetPipOption("--extra-index-url https://x") }, []string{"--index-url=https://b", "--extra-index-url https://x"}},
		{func() error { return d.SetPipOption("--extra-index-url https://y") }, []string{"--index-url=https://b", "--extra-index-url https://x", "--extra-index-url https://y"}},
		{func() error { return d.SetPipOption("--extra-index-url=https://x") }, []string{"--index-url=https://b", "--extra-index-url https://x", "--extra-index-url https://y"}},
		{func() error { return d.SetPipOption("-f ./wheels") }, []string{"--index-url=https://b", "--extra-index-url https://x", "--extra-index-url https://y", "-f ./wheels"}},
		{func() error { d.RemovePipOption("--extra-index-url https://x"); return nil }, []string{"--index-url=https://b", "--extra-index-url https://y", "-f ./wheels"}},
		{func() error { d.RemovePipOption("-i"); return nil }, []string{"--extra-index-url https://y", "-f ./wheels"}},
		{func() error { d.RemovePipOption("--find-links"); return nil }, []string{"--extra-index-url https://y"}},
	}
	for i, s := range steps {
		require.NoError(t, s.op(), "step %d", i)
		require.Equal(t, s.want, d.PipOptions(), "step %d", i)
	}
	require.Error(t, d.SetPipOption("-r requirements.txt"))
}

func TestVariables(t *testing.T) {
	d, err := New(nil)
	require.NoError(t, err)
	d.SetVariable("A", "1")
	d.SetVariable("", "ignored")
	vars := d.Variables()
	vars["B"] = "mutating the copy"
	require.Equal(t, map[string]string{"A": "1"}, d.Variables())
	d.RemoveVariable("A")
	require.Empty(t, d.Variables())
}

func TestCloneIsDeep(t *testing.T) {
	d := loadFixture(t, "handwritten.yml")
	c := d.Clone()
	require.True(t, d.Equal(c))
	require.Equal(t, d.Hash(), c.Hash())
	require.NoError(t, c.AddCondaPackage("numpy=2.0"))
	require.NoError(t, c.AddChannel("extra"))
	require.NoError(t, c.SetPipOption("--no-index"))
	require.NoError(t, c.AddPipPackage("black==24.1"))
	c.SetVariable("PYTHONHASHSEED", "1")
	c.SetName("other")
	require.Equal(t, "numpy==1.26.4", d.CondaPackages()[1])
	require.NotContains(t, d.Channels(), "extra")
	require.NotContains(t, d.PipOptions(), "--no-index")
	require.Contains(t, d.PipPackages(), "black ~= 23.1")
	require.Equal(t, "0", d.Variables()["PYTHONHASHSEED"])
	require.Equal(t, "vision-dev", d.Name())
	require.False(t, d.Equal(c))
}

func TestEqual(t *testing.T) {
	a, err := New(&Options{CondaPackages: []string{"a", "b"}})
	require.NoError(t, err)
	b, err := New(&Options{CondaPackages: []string{"b", "a"}})
	require.NoError(t, err)
	require.False(t, a.Equal(b), "order is part of the value")
	require.Equal(t, a.Hash(), b.Hash(), "but not of the hash")
	require.False(t, a.Equal(nil))
	require.True(t, (*Dependencies)(nil).Equal(nil))
}

func TestSDKDefaults(t *testing.T) {
	d := SDKDefaults()
	out, err := d.Marshal()
	require.NoError(t, err)
	require.Equal(t, "name: project_environment\nchannels:\n  - anaconda\n  - conda-forge\n"+
		"dependencies:\n  - python=3.8.13\n  - pip:\n      - azureml-defaults\n", string(out))
	again, err := Parse(out)
	require.NoError(t, err)
	require.True(t, d.Equal(again))
}

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "environment.yml")
	d := loadFixture(t, "handwritten.yml")
	require.NoError(t, d.Save(path))
	require.NoError(t, os.WriteFile(path+".keep", nil, 0o644))
	require.NoError(t, d.Save(path), "overwrite")
	got, err := Load(path)
	require.NoError(t, err)
	require.True(t, d.Equal(got))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 2, "no temp file left behind")

	var ve *ValidationError
	require.ErrorAs(t, d.Save(dir), &ve)
	require.Equal(t, "path", ve.Field)
	err = d.Save(filepath.Join(dir, "missing", "env.yml"))
	require.ErrorIs(t, err, os.ErrNotExist)
	require.Contains(t, err.Error(), "missing")
}
