package experiment

import "strings"

// tailWriter keeps the last n lines written to it (a line longer than
// maxLine bytes is cut), with bounded memory whatever the log's size.
type tailWriter struct {
	n       int
	lines   []string
	partial strings.Builder
}

const maxLine = 4096

func newTailWriter(n int) *tailWriter { return &tailWriter{n: n} }

// Write implements io.Writer; it never fails.
func (t *tailWriter) Write(p []byte) (int, error) {
	s := string(p)
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			t.add(s)
			return len(p), nil
		}
		t.add(s[:i])
		t.push()
		s = s[i+1:]
	}
}

func (t *tailWriter) add(s string) {
	if room := maxLine - t.partial.Len(); room > 0 {
		if len(s) > room {
			s = s[:room]
		}
		t.partial.WriteString(s)
	}
}

func (t *tailWriter) push() {
	t.lines = append(t.lines, strings.TrimRight(t.partial.String(), "\r"))
	t.partial.Reset()
	if len(t.lines) > 2*t.n {
		t.lines = append(t.lines[:0], t.lines[len(t.lines)-t.n:]...)
	}
}

// Lines returns the last n lines, including an unterminated last one.
func (t *tailWriter) Lines() []string {
	all := t.lines
	if t.partial.Len() > 0 {
		all = append(all[:len(all):len(all)], t.partial.String())
	}
	if len(all) > t.n {
		all = all[len(all)-t.n:]
	}
	return append([]string(nil), all...)
}
