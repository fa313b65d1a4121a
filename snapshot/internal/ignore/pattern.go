package ignore

import "strings"

// matchKind selects the precompiled strategy of a Pattern.
type matchKind uint8

const (
	kindNever   matchKind = iota // an empty pattern ("!", "/", "   "): matches nothing
	kindLiteral                  // no wildcard: plain comparison
	kindSuffix                   // "*" followed by a literal: suffix comparison
	kindGlob                     // anything else: wildmatch
)

// Pattern is one line of an ignore file, parsed and precompiled.
type Pattern struct {
	// Source is the ignore file the line comes from, slash-separated and
	// relative to the walked root ("" when parsed from memory without a name).
	Source string
	// Line is the 1-based line number in Source.
	Line int
	// Text is the pattern as written, after line-ending and trailing-space
	// trimming.
	Text string
	// Negate is true for a "!" pattern: a match re-includes the path.
	Negate bool
	// DirOnly is true for a pattern with a trailing "/": it matches
	// directories only (a symlink is never a directory).
	DirOnly bool
	// Basename is true when the pattern has no "/" (other than a trailing
	// one): it is matched against the last path element at any depth.
	// Otherwise it is matched against the path relative to Source's folder.
	Basename bool

	kind matchKind
	glob string // the pattern body: no "!", no trailing "/", no leading "/"
	lit  string // literal text for kindLiteral and kindSuffix
}

// parsePattern turns one trimmed, non-comment line into a Pattern. It never
// fails: a line that cannot match anything becomes a kindNever pattern.
func parsePattern(line string) Pattern {
	p := Pattern{Text: line}
	body := line
	if strings.HasPrefix(body, "!") {
		p.Negate = true
		body = body[1:]
	}
	if strings.HasSuffix(body, "/") {
		p.DirOnly = true
		body = body[:len(body)-1]
	}
	p.Basename = !strings.Contains(body, "/")
	if !p.Basename {
		body = strings.TrimPrefix(body, "/")
	}
	p.glob = body
	switch {
	case body == "":
		p.kind = kindNever
	case !hasWildcard(body):
		p.kind, p.lit = kindLiteral, body
	case p.Basename && body[0] == '*' && !hasWildcard(body[1:]):
		p.kind, p.lit = kindSuffix, body[1:]
	default:
		p.kind = kindGlob
	}
	return p
}

// hasWildcard reports whether s has a byte that wildmatch treats specially.
func hasWildcard(s string) bool {
	return strings.ContainsAny(s, "*?[\\")
}

// match reports whether the pattern matches a path. rel is the path relative
// to the ignore file's folder, base its last element; isDir tells whether
// the path is a real directory (not a symlink to one).
func (p *Pattern) match(rel, base string, isDir bool) bool {
	if p.DirOnly && !isDir {
		return false
	}
	name := rel
	if p.Basename {
		name = base
	}
	switch p.kind {
	case kindLiteral:
		return name == p.lit
	case kindSuffix:
		return strings.HasSuffix(name, p.lit)
	case kindGlob:
		return wildmatch(p.glob, name)
	}
	return false
}
