package ignore

import "strings"

// matchSet matches the byte c against the bracket expression that opens at
// pat[pi] ('['). It returns the index of the closing ']' and wmMatch, or
// wmNoMatch, or wmAbortAll for a malformed set (which makes the whole pattern
// match nothing, as in git). Sets are byte-wise, like git's.
func matchSet(pat string, pi int, c byte) (int, wmResult) {
	pi++
	negated := false
	if pi < len(pat) && (pat[pi] == '!' || pat[pi] == '^') {
		negated = true
		pi++
	}
	matched := false
	var prev byte // previous single byte, the possible start of a range
	first := true // a ']' right after the opening is a literal
	for ; pi < len(pat) && (first || pat[pi] != ']'); pi++ {
		first = false
		pc := pat[pi]
		switch {
		case pc == '\\':
			pi++
			if pi >= len(pat) {
				return pi, wmAbortAll
			}
			pc = pat[pi]
			matched = matched || c == pc
		case pc == '-' && prev != 0 && pi+1 < len(pat) && pat[pi+1] != ']':
			pi++
			hi := pat[pi]
			if hi == '\\' {
				pi++
				if pi >= len(pat) {
					return pi, wmAbortAll
				}
				hi = pat[pi]
			}
			matched = matched || (c >= prev && c <= hi)
			pc = 0
		case pc == '[' && pi+1 < len(pat) && pat[pi+1] == ':':
			end := strings.IndexByte(pat[pi+2:], ']')
			if end < 0 {
				return len(pat), wmAbortAll
			}
			name := pat[pi+2 : pi+2+end]
			if !strings.HasSuffix(name, ":") {
				// No ":]": the '[' is an ordinary member of the set.
				matched = matched || c == '['
				break
			}
			in, ok := inClass(name[:len(name)-1], c)
			if !ok {
				return pi, wmAbortAll
			}
			matched = matched || in
			pi += 2 + end
			pc = 0
		default:
			matched = matched || c == pc
		}
		prev = pc
	}
	if pi >= len(pat) {
		return pi, wmAbortAll
	}
	if matched == negated || c == '/' {
		return pi, wmNoMatch
	}
	return pi, wmMatch
}

// inClass reports whether c belongs to the POSIX class name (ASCII only, as
// in git). ok is false for an unknown class name.
func inClass(name string, c byte) (in, ok bool) {
	upper := c >= 'A' && c <= 'Z'
	lower := c >= 'a' && c <= 'z'
	digit := c >= '0' && c <= '9'
	space := c == ' ' || c == '\t' || c == '\n' || c == '\r'
	print := c >= 0x20 && c <= 0x7e
	switch name {
	case "alnum":
		return upper || lower || digit, true
	case "alpha":
		return upper || lower, true
	case "blank":
		return c == ' ' || c == '\t', true
	case "cntrl":
		return c < 0x20 || c == 0x7f, true
	case "digit":
		return digit, true
	case "graph":
		return print && c != ' ', true
	case "lower":
		return lower, true
	case "print":
		return print, true
	case "punct":
		return print && !upper && !lower && !digit && c != ' ', true
	case "space":
		return space, true
	case "upper":
		return upper, true
	case "xdigit":
		return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'), true
	}
	return false, false
}
