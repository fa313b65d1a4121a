package ignore

// wmResult is the outcome of matching part of a pattern. Besides match and
// no-match, git's wildmatch has two "give up" results that stop useless
// backtracking: wmAbortAll (no position of any enclosing star can help) and
// wmAbortToStarStar (only an enclosing "**" can help). They never change the
// final answer, only its cost.
type wmResult uint8

const (
	wmMatch wmResult = iota
	wmNoMatch
	wmAbortAll
	wmAbortToStarStar
)

// wildmatch reports whether text matches pattern with git's wildmatch rules
// in pathname mode: "*" and "?" never match "/", "**" between slashes (or at
// an end) matches any number of path elements, sets are byte-wise.
func wildmatch(pattern, text string) bool {
	return matchFrom(pattern, 0, text, 0) == wmMatch
}

// matchFrom matches pattern[pi:] against text[ti:]. The full pattern is
// passed so that a "**" can see the byte before it.
func matchFrom(pat string, pi int, text string, ti int) wmResult {
	for ; pi < len(pat); pi, ti = pi+1, ti+1 {
		pc := pat[pi]
		if ti >= len(text) && pc != '*' {
			return wmAbortAll
		}
		switch pc {
		case '?':
			if text[ti] == '/' {
				return wmNoMatch
			}
		case '*':
			return matchStar(pat, pi, text, ti)
		case '[':
			next, res := matchSet(pat, pi, text[ti])
			if res != wmMatch {
				return res
			}
			pi = next
		case '\\':
			pi++
			if pi >= len(pat) || pat[pi] != text[ti] {
				return wmNoMatch
			}
		default:
			if pc != text[ti] {
				return wmNoMatch
			}
		}
	}
	if ti < len(text) {
		return wmNoMatch
	}
	return wmMatch
}

// matchStar handles a run of stars at pat[pi] against text[ti:].
func matchStar(pat string, pi int, text string, ti int) wmResult {
	start := pi
	for pi < len(pat) && pat[pi] == '*' {
		pi++
	}
	crossSlash := false
	if pi-start >= 2 && (start == 0 || pat[start-1] == '/') &&
		(pi == len(pat) || pat[pi] == '/' || (pat[pi] == '\\' && pi+1 < len(pat) && pat[pi+1] == '/')) {
		// "**/" may also match zero directories.
		if pi < len(pat) && pat[pi] == '/' && matchFrom(pat, pi+1, text, ti) == wmMatch {
			return wmMatch
		}
		crossSlash = true
	}
	if pi == len(pat) {
		if !crossSlash && indexByte(text[ti:], '/') >= 0 {
			return wmNoMatch
		}
		return wmMatch
	}
	if !crossSlash && pat[pi] == '/' {
		// "*/": the star takes the rest of this path element.
		slash := indexByte(text[ti:], '/')
		if slash < 0 {
			return wmNoMatch
		}
		return matchFrom(pat, pi, text, ti+slash)
	}
	return starLoop(pat, pi, text, ti, crossSlash)
}

// starLoop tries every length for a star followed by pat[pi:].
func starLoop(pat string, pi int, text string, ti int, crossSlash bool) wmResult {
	for ti < len(text) {
		if next := pat[pi]; next != '*' && next != '?' && next != '[' && next != '\\' {
			// Skip ahead to the next occurrence of the literal that follows.
			for ti < len(text) && text[ti] != next && (crossSlash || text[ti] != '/') {
				ti++
			}
			if ti >= len(text) || text[ti] != next {
				return wmNoMatch
			}
		}
		res := matchFrom(pat, pi, text, ti)
		if res != wmNoMatch {
			if !crossSlash || res != wmAbortToStarStar {
				return res
			}
		} else if !crossSlash && text[ti] == '/' {
			return wmAbortToStarStar
		}
		ti++
	}
	return wmAbortAll
}

// indexByte is strings.IndexByte without the import in the hot path file.
func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
