package conda

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// pipKind tells the forms of a pip entry apart.
type pipKind int

const (
	pipRequirement pipKind = iota // name[extras] specifiers ; marker
	pipDirect                     // name @ url ; marker
	pipURL                        // git+https://..., https://.../x.whl, ./path
	pipFileRef                    // -r file, -c file, -e path
)

// pipSpec is a parsed pip requirement line. The grammar is documented in
// doc.go ("Pip entries").
type pipSpec struct {
	kind   pipKind
	name   string   // as written; empty for a URL without a known name
	extras []string // lowercase, sorted
	specs  []string // e.g. ">=1.0", without spaces, sorted
	target string   // URL, path or file argument
	flag   string   // "-r", "-c" or "-e" for pipFileRef
	marker string   // environment marker, spaces collapsed
}

// key is the name used to match packages (PEP 503 normalised), or the
// canonical text when the entry has no name.
func (s pipSpec) key() string {
	if s.name != "" {
		return normalizePipName(s.name)
	}
	return s.canonical()
}

// canonical renders the entry for hashing.
func (s pipSpec) canonical() string {
	switch s.kind {
	case pipFileRef:
		return s.flag + " " + s.target
	case pipURL:
		return s.target
	}
	var b strings.Builder
	b.WriteString(normalizePipName(s.name))
	if len(s.extras) > 0 {
		b.WriteString("[" + strings.Join(s.extras, ",") + "]")
	}
	if s.kind == pipDirect {
		b.WriteString(" @ " + s.target)
	}
	b.WriteString(strings.Join(s.specs, ","))
	if s.marker != "" {
		b.WriteString("; " + s.marker)
	}
	return b.String()
}

var pipNameSep = regexp.MustCompile(`[-_.]+`)

// normalizePipName applies PEP 503: lowercase, runs of "-", "_", "." -> "-".
func normalizePipName(n string) string {
	return pipNameSep.ReplaceAllString(strings.ToLower(n), "-")
}

// parsePipSpec parses one pip requirement entry (not a global option).
func parsePipSpec(text string) (pipSpec, error) {
	t := strings.TrimSpace(text)
	switch {
	case t == "":
		return pipSpec{}, fmt.Errorf("empty package spec")
	case checkText(t) != nil:
		return pipSpec{}, checkText(t)
	case t[0] == '-':
		return parseFileRef(t)
	case isURLOrPath(t):
		return parseURLSpec(t)
	}
	return parseRequirement(t)
}

func parseFileRef(t string) (pipSpec, error) {
	flag, arg := splitFlag(t)
	short, ok := fileRefFlag(flag)
	if !ok {
		return pipSpec{}, fmt.Errorf("%q is a pip option, not a package", flag)
	}
	if arg == "" || strings.ContainsAny(arg, " \t") {
		return pipSpec{}, fmt.Errorf("%s needs one file or path argument", flag)
	}
	s := pipSpec{kind: pipFileRef, flag: short, target: arg}
	if short == "-e" {
		s.name = eggName(arg)
	}
	return s, nil
}

var (
	urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://\S+$`)
	urlStart  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
)

// isURLOrPath reports an entry that starts with a URL scheme or a path.
func isURLOrPath(t string) bool {
	return urlStart.MatchString(t) || t[0] == '.' || t[0] == '/' || t[0] == '~'
}

func parseURLSpec(t string) (pipSpec, error) {
	if strings.ContainsAny(t, " \t") {
		return pipSpec{}, fmt.Errorf("url or path must not contain whitespace")
	}
	if urlStart.MatchString(t) && !urlScheme.MatchString(t) && !strings.HasPrefix(t, "file:") {
		return pipSpec{}, fmt.Errorf("invalid url")
	}
	return pipSpec{kind: pipURL, target: t, name: eggName(t)}, nil
}

// eggName finds the distribution name of a URL or path: "#egg=NAME", or
// the file name of a wheel ("NAME-1.0-py3-none-any.whl").
func eggName(u string) string {
	if i := strings.Index(u, "#egg="); i >= 0 {
		n := u[i+len("#egg="):]
		n, _, _ = strings.Cut(n, "&")
		if pipNameRe.MatchString(n) {
			return n
		}
		return ""
	}
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	if base := path.Base(u); strings.HasSuffix(base, ".whl") {
		if n, _, ok := strings.Cut(base, "-"); ok && pipNameRe.MatchString(n) {
			return n
		}
	}
	return ""
}

var pipNameRe = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$`)

// parseRequirement reads "name[extras] (specifiers | @ url) ; marker".
func parseRequirement(t string) (pipSpec, error) {
	s := pipSpec{kind: pipRequirement}
	body, marker, hasMarker := strings.Cut(t, ";")
	if hasMarker {
		s.marker = strings.Join(strings.Fields(marker), " ")
		if s.marker == "" {
			return s, fmt.Errorf("empty environment marker after \";\"")
		}
	}
	n := 0
	for n < len(body) && isNameByte(body[n]) {
		n++
	}
	s.name, body = body[:n], strings.TrimSpace(body[n:])
	if s.name == "" {
		return s, fmt.Errorf("empty package name")
	}
	if !pipNameRe.MatchString(s.name) {
		return s, fmt.Errorf("invalid package name %q", s.name)
	}
	body, err := s.parseExtras(body)
	if err != nil {
		return s, err
	}
	if strings.HasPrefix(body, "@") {
		s.kind, s.target = pipDirect, strings.TrimSpace(body[1:])
		if !urlScheme.MatchString(s.target) && !strings.HasPrefix(s.target, "file:") {
			return s, fmt.Errorf("invalid url %q after \"@\"", s.target)
		}
		return s, nil
	}
	return s, s.parseSpecifiers(body)
}

// parseExtras reads an optional "[a, b]" and returns what follows it.
func (s *pipSpec) parseExtras(body string) (string, error) {
	if !strings.HasPrefix(body, "[") {
		return body, nil
	}
	inner, after, ok := strings.Cut(body[1:], "]")
	if !ok {
		return "", fmt.Errorf("unclosed \"[\" in extras")
	}
	for _, e := range strings.Split(inner, ",") {
		e = strings.TrimSpace(e)
		if !pipNameRe.MatchString(e) {
			return "", fmt.Errorf("invalid extra %q", e)
		}
		s.extras = append(s.extras, normalizePipName(e))
	}
	slices.Sort(s.extras)
	return strings.TrimSpace(after), nil
}

// parseSpecifiers reads "op version, op version" (optionally in parentheses).
func (s *pipSpec) parseSpecifiers(body string) error {
	if body == "" {
		return nil
	}
	if strings.HasPrefix(body, "(") && strings.HasSuffix(body, ")") {
		body = body[1 : len(body)-1]
	}
	for _, clause := range strings.Split(body, ",") {
		spec, err := checkPipClause(strings.TrimSpace(clause))
		if err != nil {
			return err
		}
		s.specs = append(s.specs, spec)
	}
	slices.Sort(s.specs)
	return nil
}
