package snapshot_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

// explainTree writes files (slash paths to contents) under a new folder.
func explainTree(t testing.TB, files map[string]string) string {
	dir := t.TempDir()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return dir
}

var explainFiles = map[string]string{
	".gitignore":          "# logs\n*.log\nnode_modules/\n",
	".amlignore":          "*.log\n!keep.log\ndata/\n",
	"src/.gitignore":      "*.tmp\n",
	"src/.amlignore":      "!debug.log\n",
	"src/a.tmp":           "t",
	"src/debug.log":       "d",
	"src/main.py":         "print(1)\n",
	"keep.log":            "k",
	"run.log":             "r",
	"data/big.csv":        "1,2\n",
	"node_modules/x.js":   "x",
	"docs/notes/n.txt":    "n",
	"docs/notes/.amlhint": "h",
}

func TestExplain(t *testing.T) {
	dir := explainTree(t, explainFiles)
	tests := []struct {
		rel      string
		rules    snapshot.IgnoreRules
		included bool
		by, file string
		line     int
		text     string
	}{
		{"run.log", "", false, "run.log", ".amlignore", 1, "run.log: excluded by .amlignore:1: *.log"},
		{"keep.log", "", true, "keep.log", ".amlignore", 2, "keep.log: included by .amlignore:2: !keep.log"},
		{"data/big.csv", "", false, "data", ".amlignore", 3, "data/big.csv: excluded by .amlignore:3: data/ (folder data)"},
		{"src/debug.log", "", true, "src/debug.log", "src/.amlignore", 1, "src/debug.log: included by src/.amlignore:1: !debug.log"},
		{"src/a.tmp", "", true, "src/a.tmp", "", 0, "src/a.tmp: included: not ignored"},
		{"src/a.tmp", snapshot.IgnoreRulesGit, false, "src/a.tmp", "src/.gitignore", 1, "src/a.tmp: excluded by src/.gitignore:1: *.tmp"},
		{"node_modules/x.js", snapshot.IgnoreRulesGit, false, "node_modules", ".gitignore", 3, "node_modules/x.js: excluded by .gitignore:3: node_modules/ (folder node_modules)"},
		{"node_modules/x.js", "", true, "node_modules/x.js", "", 0, "node_modules/x.js: included: not ignored"},
		{"./docs/../src/main.py", "", true, "src/main.py", "", 0, "src/main.py: included: not ignored"},
	}
	for _, tc := range tests {
		t.Run(string(tc.rules)+":"+tc.rel, func(t *testing.T) {
			x, err := snapshot.Explain(t.Context(), dir, tc.rel, &snapshot.Options{Ignore: tc.rules})
			require.NoError(t, err)
			require.Equal(t, tc.included, x.Included)
			require.Equal(t, tc.by, x.DecidedBy)
			require.Equal(t, tc.file, x.IgnoreFile)
			require.Equal(t, tc.line, x.Line)
			require.Equal(t, tc.text, x.String())
		})
	}
}

func TestExplainRule(t *testing.T) {
	dir := explainTree(t, map[string]string{".git/config": "c", "a.py": "a"})
	x, err := snapshot.Explain(t.Context(), dir, ".git/config", nil)
	require.NoError(t, err)
	require.False(t, x.Included)
	require.Equal(t, ".git", x.DecidedBy)
	require.Equal(t, ".git is never included", x.Rule)
	require.Equal(t, ".git/config: excluded: .git is never included (folder .git)", x.String())
}

// TestExplainAgreesWithTake checks Explain against the manifest of Take for
// every file of the tree, under both rule sets.
func TestExplainAgreesWithTake(t *testing.T) {
	dir := explainTree(t, explainFiles)
	for _, rules := range snapshot.IgnoreRulesValues() {
		opts := &snapshot.Options{Ignore: rules, DisableStatCache: true}
		m, err := snapshot.Take(t.Context(), dir, opts)
		require.NoError(t, err)
		for rel := range explainFiles {
			x, err := snapshot.Explain(t.Context(), dir, rel, opts)
			require.NoError(t, err)
			_, kept := m.Lookup(rel)
			require.Equal(t, kept, x.Included, "%s %s: %s", rules, rel, x)
		}
	}
}

func TestExplainErrors(t *testing.T) {
	dir := explainTree(t, map[string]string{"a.py": "a"})
	tests := []struct {
		rel  string
		opts *snapshot.Options
		is   error
		text string
	}{
		{"../x", nil, snapshot.ErrOutsideSource, `snapshot: explain "../x": path is outside the source folder`},
		{"/etc/passwd", nil, snapshot.ErrOutsideSource, `snapshot: explain "/etc/passwd": path is outside the source folder`},
		{"missing.py", nil, fs.ErrNotExist, `snapshot: explain "missing.py": no such file or folder`},
	}
	for _, tc := range tests {
		t.Run(tc.rel, func(t *testing.T) {
			_, err := snapshot.Explain(t.Context(), dir, tc.rel, tc.opts)
			var xe *snapshot.ExplainError
			require.ErrorAs(t, err, &xe)
			require.Equal(t, tc.rel, xe.Path)
			require.ErrorIs(t, err, tc.is)
			require.Contains(t, err.Error(), tc.text)
		})
	}
	_, err := snapshot.Explain(t.Context(), dir, "a.py", &snapshot.Options{Ignore: "svn"})
	var oe *snapshot.OptionError
	require.ErrorAs(t, err, &oe)
	require.Equal(t, "Ignore", oe.Field)
	require.Equal(t, "svn", oe.Value)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = snapshot.Explain(ctx, dir, "a.py", nil)
	require.True(t, errors.Is(err, context.Canceled))
}

func ExampleExplain() {
	dir, err := os.MkdirTemp("", "explain-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	for rel, content := range map[string]string{".amlignore": "# big files\noutputs/\n*.ckpt\n", "outputs/model.ckpt": "m", "train.py": "t"} {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	for _, rel := range []string{"outputs/model.ckpt", "train.py"} {
		x, err := snapshot.Explain(context.Background(), dir, rel, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(x)
	}
	// Output:
	// outputs/model.ckpt: excluded by .amlignore:2: outputs/ (folder outputs)
	// train.py: included: not ignored
}
