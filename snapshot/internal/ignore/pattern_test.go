package ignore

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParsePattern(t *testing.T) {
	tests := []struct {
		line                      string
		negate, dirOnly, basename bool
		kind                      matchKind
		glob                      string
	}{
		{"foo", false, false, true, kindLiteral, "foo"},
		{"!foo", true, false, true, kindLiteral, "foo"},
		{"foo/", false, true, true, kindLiteral, "foo"},
		{"!foo/", true, true, true, kindLiteral, "foo"},
		{"/foo", false, false, false, kindLiteral, "foo"},
		{"a/b", false, false, false, kindLiteral, "a/b"},
		{"a/b/", false, true, false, kindLiteral, "a/b"},
		{"*.log", false, false, true, kindSuffix, "*.log"},
		{"*", false, false, true, kindSuffix, "*"},
		{"/*.log", false, false, false, kindGlob, "*.log"},
		{"*.l?g", false, false, true, kindGlob, "*.l?g"},
		{"**/x", false, false, false, kindGlob, "**/x"},
		{`\#x`, false, false, true, kindGlob, `\#x`},
		{`\!x`, false, false, true, kindGlob, `\!x`},
		{" #x", false, false, true, kindLiteral, " #x"},
		{"!", true, false, true, kindNever, ""},
		{"!/", true, true, true, kindNever, ""},
		{"/", false, true, true, kindNever, ""},
		{"[", false, false, true, kindGlob, "["},
		{`\`, false, false, true, kindGlob, `\`},
		{"foo//", false, true, false, kindLiteral, "foo/"},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			p := parsePattern(tc.line)
			require.Equal(t, tc.negate, p.Negate, "negate")
			require.Equal(t, tc.dirOnly, p.DirOnly, "dirOnly")
			require.Equal(t, tc.basename, p.Basename, "basename")
			require.Equal(t, tc.kind, p.kind, "kind")
			require.Equal(t, tc.glob, p.glob, "glob")
			require.Equal(t, tc.line, p.Text)
		})
	}
}

func TestTrimTrailingSpaces(t *testing.T) {
	tests := map[string]string{
		"a":         "a",
		"a   ":      "a",
		"a\t":       "a\t",
		`a\ `:       `a\ `,
		`a\  `:      `a\ `,
		`a\ \ `:     `a\ \ `,
		`a \`:       `a \`,
		`a\\  `:     `a\\`,
		"   ":       "",
		" a b  ":    " a b",
		`trailing\`: `trailing\`,
	}
	for in, want := range tests {
		require.Equal(t, want, trimTrailingSpaces(in), "%q", in)
	}
}

func TestParseMatcherLines(t *testing.T) {
	data := "\ufeff# comment\n\nfoo\r\n  \n!bar/\r\n #x\nlast\r"
	m := ParseMatcher("sub/.gitignore", []byte(data))
	type line struct {
		n    int
		text string
	}
	var got []line
	for _, p := range m.Patterns() {
		require.Equal(t, "sub/.gitignore", p.Source)
		got = append(got, line{p.Line, p.Text})
	}
	require.Equal(t, []line{{3, "foo"}, {5, "!bar/"}, {6, " #x"}, {7, "last"}}, got)
}

func TestParseMatcherKeepsLoneCR(t *testing.T) {
	m := ParseMatcher("", []byte("a\rb\n"))
	require.Len(t, m.Patterns(), 1)
	require.Equal(t, "a\rb", m.Patterns()[0].Text)
	require.NotNil(t, m.Match("a\rb", false))
	require.Nil(t, m.Match("ab", false))
}

func TestMatcherMatch(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		rel     string
		isDir   bool
		want    string // the deciding pattern's text, "" for none
		negated bool
	}{
		{"basename any depth", "*.log", "a/b/c.log", false, "*.log", false},
		{"anchored top only", "/x", "a/x", false, "", false},
		{"anchored top", "/x", "x", false, "/x", false},
		{"middle slash anchors", "a/b", "c/a/b", false, "", false},
		{"dir only skips files", "d/", "d", false, "", false},
		{"dir only matches dir", "d/", "a/d", true, "d/", false},
		{"last line wins", "*.log\n!keep.log", "keep.log", false, "!keep.log", true},
		{"later positive wins", "!keep.log\n*.log", "keep.log", false, "*.log", false},
		{"case sensitive", "FOO", "foo", false, "", false},
		{"escaped hash", `\#x`, "#x", false, `\#x`, false},
		{"escaped bang", `\!x`, "!x", false, `\!x`, false},
		{"star does not cross slash", "a/*.c", "a/b/x.c", false, "", false},
		{"double star crosses", "a/**/x.c", "a/b/c/x.c", false, "a/**/x.c", false},
		{"double star zero dirs", "a/**/x.c", "a/x.c", false, "a/**/x.c", false},
		{"trailing /** not the dir", "a/**", "a", true, "", false},
		{"trailing /** the content", "a/**", "a/b", false, "a/**", false},
		{"suffix literal", "*.tar.gz", "x.tar.gz", false, "*.tar.gz", false},
		{"literal with space", "my file.txt", "d/my file.txt", false, "my file.txt", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := ParseMatcher(".gitignore", []byte(tc.file)).Match(tc.rel, tc.isDir)
			if tc.want == "" {
				require.Nil(t, p)
				return
			}
			require.NotNil(t, p)
			require.Equal(t, tc.want, p.Text)
			require.Equal(t, tc.negated, p.Negate)
		})
	}
}
