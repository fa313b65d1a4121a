package ignore

import (
	"bytes"
	"strings"
)

// maxIgnoreFileSize is git's limit: an ignore file this large or larger is
// not read at all.
const maxIgnoreFileSize = 100 << 20

// Matcher holds the patterns of one ignore file. Paths given to it are
// relative to the folder that holds the file. A Matcher is immutable and
// safe for concurrent use.
type Matcher struct {
	patterns []Pattern
}

// ParseMatcher parses the contents of an ignore file. source names the file
// in the patterns it returns (for example ".gitignore" or "sub/.amlignore").
// Parsing never fails: git's syntax gives every line a meaning, and a line
// that cannot match (such as "!" or "[") simply matches nothing.
func ParseMatcher(source string, data []byte) *Matcher {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	m := &Matcher{}
	for lineNo := 1; len(data) > 0; lineNo++ {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if i := bytes.IndexByte(line, 0); i >= 0 {
			line = line[:i] // git handles lines as C strings
		}
		p := parsePattern(trimTrailingSpaces(string(line)))
		p.Source, p.Line = source, lineNo
		if p.kind != kindNever {
			m.patterns = append(m.patterns, p)
		}
	}
	return m
}

// trimTrailingSpaces drops the unescaped spaces at the end of a line. A
// backslash protects the byte after it; a line ending in a lone backslash is
// left as is. Tabs are never trimmed.
func trimTrailingSpaces(s string) string {
	cut := -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			if cut < 0 {
				cut = i
			}
		case '\\':
			i++
			if i >= len(s) {
				return s
			}
			cut = -1
		default:
			cut = -1
		}
	}
	if cut >= 0 {
		return s[:cut]
	}
	return s
}

// Patterns returns the patterns that can match something, in file order.
// The slice must not be modified.
func (m *Matcher) Patterns() []Pattern {
	return m.patterns
}

// Match returns the last pattern of the file that matches rel (a
// slash-separated path relative to the file's folder), or nil when none
// does. isDir tells whether rel is a directory; a symlink is not one. The
// caller decides from the result's Negate field: a negative pattern keeps
// the path, any other excludes it.
func (m *Matcher) Match(rel string, isDir bool) *Pattern {
	return m.match(rel, rel[strings.LastIndexByte(rel, '/')+1:], isDir)
}

// match is Match with the basename already split off.
func (m *Matcher) match(rel, base string, isDir bool) *Pattern {
	for i := len(m.patterns) - 1; i >= 0; i-- {
		if p := &m.patterns[i]; p.match(rel, base, isDir) {
			return p
		}
	}
	return nil
}
