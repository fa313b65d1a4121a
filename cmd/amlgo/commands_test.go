package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// leaves returns every command of the tree with its path.
func leaves(c *command, path string) map[string]*command {
	out := map[string]*command{path: c}
	for _, s := range c.subs {
		for p, l := range leaves(s, path+" "+s.name) {
			out[p] = l
		}
	}
	return out
}

// TestHelpEverywhere checks that every command, group or leaf, answers
// --help with exit 0, a usage line and an example.
func TestHelpEverywhere(t *testing.T) {
	for path := range leaves(rootCommand(), "amlgo") {
		t.Run(path, func(t *testing.T) {
			var out, errb bytes.Buffer
			a := &app{stdout: &out, stderr: &errb, getenv: os.Getenv}
			args := append(strings.Fields(path)[1:], "--help")
			require.Equal(t, exitOK, a.main(context.Background(), args), errb.String())
			require.Contains(t, out.String(), "Usage: "+path)
			require.Contains(t, out.String(), "Example:\n  $ amlgo ")
		})
	}
}

func TestExitCodes(t *testing.T) {
	c := newCLI(t)
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{}, exitUsage, "amlgo: missing command"},
		{[]string{"nope"}, exitUsage, `unknown command "nope"`},
		{[]string{"run", "show"}, exitUsage, "expected 1 argument(s) (RUN_ID), got 0"},
		{[]string{"run", "list", "--bogus"}, exitUsage, "flag provided but not defined: -bogus"},
		{[]string{"run", "list"}, exitUsage, "--experiment-name (-e) is required"},
		{[]string{"workspace", "show", "-o", "xml"}, exitUsage, `--output "xml": must be table, json or yaml`},
		{[]string{"completion", "tcsh"}, exitUsage, `unknown shell "tcsh"`},
		{[]string{"run", "show", "demo_1700000000_0a1b2c3d"}, exitNotFound, "hint: list runs with: amlgo run list -e EXPERIMENT"},
		{[]string{"computetarget", "show", "nope-vm"}, exitNotFound, "hint: list compute targets with: amlgo computetarget list"},
		{[]string{"computetarget", "create", "amlcompute", "--name", "cpu", "--vm-size", "STANDARD_D2_V2"}, exitUnsupported, "hint: this needs an Azure workspace"},
		{[]string{"computetarget", "create", "amlcompute", "--name", "cpu"}, exitUsage, "hint: fix --vm-size"},
		{[]string{"computetarget", "delete", "cpu"}, exitUnsupported, "hint: this needs an Azure workspace"},
		{[]string{"computetarget", "list-vm-sizes"}, exitUnsupported, "hint: this needs an Azure workspace"},
		{[]string{"computetarget", "attach", "datalake", "--name", "adla", "-g", "rg", "--account-name", "a1"}, exitUnsupported, "hint: this needs an Azure workspace"},
		{[]string{"computetarget", "update", "cpu", "--max-nodes", "8"}, exitNotFound, "compute: target \"cpu\" not found"},
		{[]string{"computetarget", "list-nodes", "cpu"}, exitNotFound, "compute: target \"cpu\" not found"},
		{[]string{"computetarget", "detach", "local"}, exitUnsupported, "detaching the local target"},
		{[]string{"run", "submit-script", "missing.py", "-e", "demo"}, exitError, "script"},
		{[]string{"computetarget", "attach", "remote", "--name", "vm1", "--address", "127.0.0.1", "--username", "u"}, exitUsage, "hint: fix --password-env"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := c.run(tc.args...)
			require.Equal(t, tc.code, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			require.Contains(t, r.stderr, tc.msg)
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			require.Contains(t, lines[len(lines)-1], "amlgo", "the error is one line naming amlgo")
		})
	}
}

func TestCondaAndRunconfig(t *testing.T) {
	c := newCLI(t)
	require.NoError(t, os.WriteFile(filepath.Join(c.workDir, "train.py"), []byte("print(1)\n"), 0o644))
	c.ok("conda", "new", "env.yml", "--name", "train", "--python", "3.11", "--channel", "conda-forge", "--conda", "numpy>=1.24")
	r := c.ok("conda", "add-pip", "env.yml", "requests==2.31.0", "-o", "json")
	golden(t, "conda-add-pip.json", normalize(r.stdout, c.paths()))
	r = c.ok("conda", "add-conda", "env.yml", "numpy=1.26", "-o", "yaml")
	require.Contains(t, r.stdout, "- numpy=1.26\n")
	require.Equal(t, exitUsage, c.run("conda", "new", "env.yml").code, "an existing file is not replaced without --force")
	bad := c.run("conda", "add-pip", "env.yml", "requests==")
	require.Equal(t, exitError, bad.code)
	require.Contains(t, bad.stderr, "hint: fix the pip_packages entry")

	c.ok("runconfig", "new", "train", "-t", "local", "--python", "python3", "--script", "train.py", "--conda-dependencies", "env.yml")
	golden(t, "runconfig-show.json", normalize(c.ok("runconfig", "show", "train", "-o", "json").stdout, c.paths()))
	require.Contains(t, c.ok("runconfig", "show", "train").stdout, "nodeCount: 1")
	golden(t, "runconfig-validate-ok.json", c.ok("runconfig", "validate", "train", "-o", "json").stdout)

	p := filepath.Join(c.workDir, ".azureml", "train.runconfig")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, bytes.Replace(b, []byte("nodeCount: 1"), []byte("nodeCount: 0"), 1), 0o644))
	v := c.run("runconfig", "validate", "train", "-o", "json")
	require.Equal(t, exitError, v.code)
	golden(t, "runconfig-validate-bad.json", v.stdout)
}

func TestSnapshotLs(t *testing.T) {
	c := newCLI(t)
	files := map[string]string{".amlignore": "# data\ndata/\n*.log\n", "train.py": "print(1)\n", "data/big.csv": "1,2,3\n",
		"run.log": "x", "lib/util.py": "def f():\n    return 1\n"}
	for rel, content := range files {
		p := filepath.Join(c.workDir, "src", filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	golden(t, "snapshot-ls.json", normalize(c.ok("snapshot", "ls", "src", "--largest", "2", "-o", "json").stdout, c.paths()))
	golden(t, "snapshot-explain.json", c.ok("snapshot", "ls", "src", "--explain", "data/big.csv", "-o", "json").stdout)
	r := c.ok("snapshot", "ls", "src", "--explain", "run.log")
	require.Equal(t, "run.log: excluded by .amlignore:3: *.log\n", r.stdout)
	table := c.ok("snapshot", "ls", "src")
	require.Contains(t, table.stdout, "total:    3 files, 50 B")
	require.Equal(t, exitNotFound, c.run("snapshot", "ls", "src", "--explain", "nope.py").code)
}

func TestWorkspaceAndCompletion(t *testing.T) {
	c := newCLI(t)
	golden(t, "workspace-show.json", normalize(c.ok("workspace", "show", "-o", "json").stdout, c.paths()))
	w := c.ok("workspace", "write-config", "--workspace-dir", filepath.Join(c.workDir, "ws2"), "-o", "json")
	require.Contains(t, w.stdout, filepath.Join(c.workDir, ".azureml", "config.json"))
	show := c.ok("workspace", "show")
	require.Contains(t, show.stdout, filepath.Join(c.workDir, "ws2"), "the written config is read back")
	golden(t, "computetarget-list.json", c.ok("computetarget", "list", "-o", "json").stdout)
	golden(t, "attach-batch.json", c.ok("computetarget", "attach", "batch", "--name", "batch1", "-g", "pipelines", "--account-name", "mybatch", "-o", "json").stdout)
	require.Contains(t, c.ok("computetarget", "list").stdout, "batch1")

	for _, sh := range []string{"bash", "zsh", "fish"} {
		require.Contains(t, c.ok("completion", sh).stdout, "amlgo __complete")
	}
	tests := []struct {
		words []string
		want  string
	}{
		{[]string{"r"}, "run\nrunconfig\n"},
		{[]string{"run", "sub"}, "submit-script\n"},
		{[]string{"run", "submit-script", "--exp"}, "--experiment-name\n"},
		{[]string{"run", "show", "-o", "y"}, "yaml\n"},
		{[]string{"computetarget", "attach", ""}, "remote\nhdinsight\ndatabricks\ndatalake\nbatch\n"},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, c.ok(append([]string{"__complete"}, tc.words...)...).stdout, "%q", tc.words)
	}
}
