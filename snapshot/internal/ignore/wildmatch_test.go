package ignore

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWildmatch(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          bool
	}{
		{"foo", "foo", true},
		{"foo", "fo", false},
		{"", "", true},
		{"?", "a", true},
		{"?", "/", false},
		{"a?c", "abc", true},
		{"*", "abc", true},
		{"*", "a/b", false},
		{"*", "", true},
		{"a*", "a", true},
		{"*c", "abc", true},
		{"a*c*e", "abxcdxe", true},
		{"a*c*e", "abxcdx", false},
		{"*/b", "a/b", true},
		{"*/b", "a/c/b", false},
		{"**", "a/b/c", true},
		{"**/c", "c", true},
		{"**/c", "a/b/c", true},
		{"a/**", "a/b/c", true},
		{"a/**", "a", false},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a/**/b", "ab", false},
		{"**/a/b", "a/x/a/b", true},
		{"a**b", "axb", true},
		{"a**b", "a/b", false},
		{"foo**/bar", "foobar", false}, // git >= 2.52 (R27)
		{"foo**/bar", "foo/bar", true},
		{"foo**/bar", "foox/bar", true},
		{"foo/**/*.log", "foo/cache/tab\tname/x.log", true},
		{"**/*.log", "a/b.log/c.log", true},
		{"[abc]", "b", true},
		{"[abc]", "d", false},
		{"[a-c]x", "bx", true},
		{"[!a-c]x", "bx", false},
		{"[^a-c]x", "dx", true},
		{"[]]", "]", true},
		{"[!]]", "a", true},
		{"[a-]", "-", true},
		{"[-a]", "-", true},
		{"[\\]]", "]", true},
		{"[a\\-c]", "b", false},
		{"[/]", "/", false},
		{"[!a]", "/", false},
		{"[[:alpha:]]", "Q", true},
		{"[[:alpha:]]", "1", false},
		{"[[:digit:][:upper:]]", "Z", true},
		{"[[:space:]]", "\t", true},
		{"[[:punct:]]", "!", true},
		{"[[:xdigit:]]", "f", true},
		{"[[:bogus:]]", "a", false},
		{"[[:alpha]", "[", true},
		{"[[:alpha]", "a", true},
		{"[[:alpha]", "x", false},
		{"[", "[", false},
		{"[a", "a", false},
		{"*[", "a", false},
		{"\\*", "*", true},
		{"\\*", "a", false},
		{"a\\", "a", false},
		{"\\a", "a", true},
		{"[日]本", "日本", false},
		{"[\xe6][\x97][\xa5]", "日", true},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, wildmatch(tc.pattern, tc.text), "wildmatch(%q, %q)", tc.pattern, tc.text)
	}
}

// TestWildmatchNoBlowup checks that backtracking stays cheap on a pattern
// that is exponential for a naive matcher.
func TestWildmatchNoBlowup(t *testing.T) {
	pattern := "*a*a*a*a*a*a*a*a*a*a*a*a*b"
	text := "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	require.False(t, wildmatch(pattern, text))
	require.False(t, wildmatch("**/**/**/**/**/**/**/x", "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/y"))
}
