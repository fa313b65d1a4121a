package ignore

import (
	"io/fs"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestExplain(t *testing.T) {
	root := tree{
		files: files(map[string]string{
			".gitignore":     "# deps\nnode_modules/\n*.log\n!keep.log\n",
			".amlignore":     "*.tmp\n",
			"src/.gitignore": "!debug.log\n",
		}, "node_modules/a/b.js", "x.log", "keep.log", "src/debug.log", "src/main.py", "t.tmp", ".git/config"),
		symlinks: map[string]string{"link": "src"},
	}.build(t)
	tests := []struct {
		rel      string
		mode     Mode
		excluded bool
		matched  string
		source   string
		line     int
		rule     string
		text     string
	}{
		{"node_modules", ModeGit, true, "node_modules", ".gitignore", 2, "", "node_modules: excluded: matches .gitignore:2: node_modules/"},
		{"node_modules/a/b.js", ModeGit, true, "node_modules", ".gitignore", 2, "", "node_modules/a/b.js: excluded: folder node_modules matches .gitignore:2: node_modules/"},
		{"x.log", ModeGit, true, "x.log", ".gitignore", 3, "", "x.log: excluded: matches .gitignore:3: *.log"},
		{"keep.log", ModeGit, false, "keep.log", ".gitignore", 4, "", "keep.log: kept: matches .gitignore:4: !keep.log"},
		{"src/debug.log", ModeGit, false, "src/debug.log", "src/.gitignore", 1, "", "src/debug.log: kept: matches src/.gitignore:1: !debug.log"},
		{"./src/../src/main.py", ModeGit, false, "src/main.py", "", 0, "", "src/main.py: kept: no pattern matches"},
		{"t.tmp", ModeAML, true, "t.tmp", ".amlignore", 1, "", "t.tmp: excluded: matches .amlignore:1: *.tmp"},
		{"x.log", ModeAML, false, "x.log", "", 0, "", "x.log: kept: no pattern matches"},
		{".git/config", ModeAML, true, ".git", "", 0, RuleGit, ".git/config: excluded: folder .git: .git is never included"},
		{"link/main.py", ModeAML, true, "link", "", 0, RuleInSymlink, "link/main.py: excluded: folder link: inside a symlink, which is never followed"},
	}
	for _, tc := range tests {
		t.Run(tc.rel, func(t *testing.T) {
			d, err := Explain(root, tc.rel, &Options{Mode: tc.mode})
			require.NoError(t, err)
			require.Equal(t, tc.excluded, d.Excluded)
			require.Equal(t, tc.matched, d.Matched)
			require.Equal(t, tc.rule, d.Rule)
			if tc.source == "" {
				require.Nil(t, d.Pattern)
			} else {
				require.NotNil(t, d.Pattern)
				require.Equal(t, tc.source, d.Pattern.Source)
				require.Equal(t, tc.line, d.Pattern.Line)
			}
			require.Equal(t, tc.text, d.String())
		})
	}
}

// TestExplainAgreesWithWalk checks Explain against Walk for every file of a
// tree with nested rules.
func TestExplainAgreesWithWalk(t *testing.T) {
	root := tree{files: files(map[string]string{
		".gitignore":      "/*\n!/src\n!/docs\n*.o\n",
		"src/.gitignore":  "!keep.o\nbuild/\n",
		"docs/.amlignore": "*.md\n!README.md\n",
	}, "a", "src/x.o", "src/keep.o", "src/build/y", "src/z.c", "docs/README.md", "docs/b.md", "other/c")}.build(t)
	kept := map[string]bool{}
	for _, rel := range list(t, root, ModeAML) {
		kept[rel] = true
	}
	for _, rel := range []string{"a", "src/x.o", "src/keep.o", "src/build/y", "src/z.c", "docs/README.md", "docs/b.md", "other/c", "src/.gitignore"} {
		d, err := Explain(root, rel, nil)
		require.NoError(t, err)
		require.Equal(t, kept[rel], !d.Excluded, "%s: %s", rel, d)
	}
}

func TestExplainErrors(t *testing.T) {
	root := tree{files: files(nil, "f")}.build(t)
	for _, rel := range []string{"/etc/passwd", "..", "../x", "a/../../x"} {
		_, err := Explain(root, rel, nil)
		var e *Error
		require.ErrorAs(t, err, &e, rel)
		require.ErrorIs(t, err, ErrOutsideRoot)
		require.Equal(t, rel, e.Path)
	}
	_, err := Explain(root, "nope/x", nil)
	require.ErrorIs(t, err, fs.ErrNotExist)
	_, err = Explain(root, "f/x", nil)
	require.Error(t, err)

	d, err := Explain(root, ".", nil)
	require.NoError(t, err)
	require.False(t, d.Excluded)
}
