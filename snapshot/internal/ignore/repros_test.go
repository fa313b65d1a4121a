package ignore

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReproducers pins the R01-R29 reproducers of reference/ignore.md. The
// expected lists were taken from the oracle (git 2.39), except R27 where we
// follow git >= 2.52 and keep "foobar".
func TestReproducers(t *testing.T) {
	gi := func(s string) map[string]string { return map[string]string{".gitignore": s} }
	tests := []struct {
		name     string
		contents map[string]string
		files    []string
		symlinks map[string]string
		want     []string
	}{
		{"R01 ? wildcard", gi("-das?\n"), []string{"-dash", "x"}, nil, []string{".gitignore", "x"}},
		{"R02 X/** not X", gi(".lib/**\n"), []string{".lib", "b"}, nil, []string{".gitignore", ".lib", "b"}},
		{"R03 X/** then !X/keep", gi("vendor/**\n!vendor/c.py\n"), []string{"vendor/c.py", "vendor/x"}, nil, []string{".gitignore", "vendor/c.py"}},
		{"R04 negated name keeps no content", gi(".ipynb_checkpoints\n!abd\n"), []string{"abd/.ipynb_checkpoints", "x"}, nil, []string{".gitignore", "x"}},
		{"R05 negated dir/*.gz not deeper", gi("*.gz\n!docs/*.gz\n"), []string{"docs/a.gz", "docs/out.tar.gz/b.tar.gz"}, nil, []string{".gitignore", "docs/a.gz"}},
		{"R06 !*/ keeps dirs not files", gi("a/**\n!*/\n"), []string{"a/b", "a/c/d"}, nil, []string{".gitignore"}},
		{"R07 deeper negation", map[string]string{".gitignore": "*.o\n", "sub/.gitignore": "!*.o\n"}, []string{"sub/x.o", "x.o"}, nil, []string{".gitignore", "sub/.gitignore", "sub/x.o"}},
		{"R08 BOM", gi("\ufeffsrc/**\n"), []string{"b", "src/a"}, nil, []string{".gitignore", "b"}},
		{"R09 POSIX class", gi(".[[:alpha:]]itkeep\n"), []string{".gitkeep", "x"}, nil, []string{".gitignore", "x"}},
		{"R10 trailing tab kept", gi("build.bak\t\n"), []string{"build.bak", "x"}, nil, []string{".gitignore", "build.bak", "x"}},
		{"R11 escaped trailing spaces", gi("trailing\\ \\ \n"), []string{"trailing", "trailing  ", "x"}, nil, []string{".gitignore", "trailing", "x"}},
		{"R12 line !", gi("!\n"), []string{"a", "b"}, nil, []string{".gitignore", "a", "b"}},
		{"R13 line !/", gi("!/\n"), []string{"a", "b"}, nil, []string{".gitignore", "a", "b"}},
		{"R14 /*.3 anchored", gi("/*.3\n"), []string{"a.3", "one/a.3"}, nil, []string{".gitignore", "one/a.3"}},
		{"R15 deny by default", gi("/*\n!/src\n"), []string{"README.md", "src/main.go", "vendor/x.go"}, nil, []string{"src/main.go"}},
		{"R16 **/x at top", gi("**/.env\n"), []string{".env", "a/.env", "b"}, nil, []string{".gitignore", "b"}},
		{"R17 /foo/**/*.html zero dirs", gi("/foo/**/*.html\n"), []string{"foo/bar/index.html", "foo/index.html", "x.html"}, nil, []string{".gitignore", "x.html"}},
		{"R18 **/a/b backtracks", gi("**/a/b\n"), []string{"a/x/a/b", "q"}, nil, []string{".gitignore", "q"}},
		{"R19 **/** everything", gi("**/**\n"), []string{"a", "d/b"}, nil, []string{}},
		{"R20 /** in a sub file", map[string]string{"sub/.gitignore": "/**\n"}, []string{"sub/a", "sub/d/b", "top"}, nil, []string{"top"}},
		{"R21 last line wins", gi("!keep.log\n*.log\n"), []string{"keep.log", "x.log", "y"}, nil, []string{".gitignore", "y"}},
		{"R22 t0008 data/**", gi("data/**\n!data/**/\n!data/**/*.txt\n"), []string{"data/d1/f1", "data/d1/f1.txt", "data/file"}, nil, []string{".gitignore", "data/d1/f1.txt"}},
		{"R23 byte-wise sets", gi("[日日]本語.md\n"), []string{"x.md", "日本語.md"}, nil, []string{".gitignore", "x.md", "日本語.md"}},
		{"R24 CRLF", gi("*.log\r\nd/\r\n"), []string{"a.log", "b", "d/x"}, nil, []string{".gitignore", "b"}},
		{"R25 .amlignore replaces .gitignore", map[string]string{".gitignore": "*.log\n", ".amlignore": "*.tmp\n", "sub/.gitignore": "!*.tmp\n"}, []string{"a.log", "b.tmp", "sub/c.log", "sub/d.tmp"}, nil, []string{".amlignore", ".gitignore", "a.log", "sub/.gitignore", "sub/c.log", "sub/d.tmp"}},
		{"R26 dir/ then !dir/f", gi("dir/\n!dir/f\n"), []string{"dir/f", "dir/g"}, nil, []string{".gitignore"}},
		{"R27 foo**/bar, git >= 2.52", gi("foo**/bar\n"), []string{"foo/bar", "foobar"}, nil, []string{".gitignore", "foobar"}},
		{"R28 name/ skips a symlink", gi("link/\n"), []string{"d/x"}, map[string]string{"link": "d"}, []string{".gitignore", "d/x", "link"}},
		{"R29 ** with a space", gi("d/**/my file.txt\n"), []string{"d/e/my file.txt", "d/my file.txt", "d/x"}, nil, []string{".gitignore", "d/x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := tree{files: files(tc.contents, tc.files...), symlinks: tc.symlinks}.build(t)
			require.Equal(t, tc.want, list(t, root, ModeAML))
		})
	}
}
