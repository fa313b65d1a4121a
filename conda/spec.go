package conda

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// condaSpec is a conda package spec split into its parts. The grammar is
// documented in doc.go ("Conda package specs").
type condaSpec struct {
	channel string // before "::"; empty when absent
	name    string // as written
	version string // constraint with insignificant spaces removed, e.g. ">=1,<2"
	build   string // build string, e.g. "py311h64a7726_0"
	eqBuild bool   // written as name=version=build (conda env export)
}

// key is the name used to match packages: lowercase, channel ignored.
func (s condaSpec) key() string { return strings.ToLower(s.name) }

// canonical renders the spec for hashing: lowercase name, no spaces inside
// the constraint, single spaces between fields.
func (s condaSpec) canonical() string {
	var b strings.Builder
	if s.channel != "" {
		b.WriteString(s.channel + "::")
	}
	b.WriteString(strings.ToLower(s.name))
	if s.eqBuild {
		b.WriteString(s.version + "=" + s.build)
		return b.String()
	}
	if s.version != "" {
		b.WriteString(" " + s.version)
	}
	if s.build != "" {
		b.WriteString(" " + s.build)
	}
	return b.String()
}

// parseCondaSpec parses one conda dependency entry; the error text is a
// lowercase reason suitable for ParseError.Reason or ValidationError.Reason.
func parseCondaSpec(text string) (condaSpec, error) {
	var s condaSpec
	rest := strings.TrimSpace(text)
	if rest == "" {
		return s, fmt.Errorf("empty package spec")
	}
	if err := checkText(rest); err != nil {
		return s, err
	}
	if i := strings.LastIndex(rest, "::"); i >= 0 {
		s.channel, rest = rest[:i], rest[i+2:]
		if err := checkChannel(s.channel); err != nil {
			return s, err
		}
	}
	n := 0
	for n < len(rest) && isNameByte(rest[n]) {
		n++
	}
	s.name, rest = rest[:n], rest[n:]
	if err := checkCondaName(s.name); err != nil {
		return s, err
	}
	if rest == "" {
		return s, nil
	}
	if !isSpace(rest[0]) && !isOpByte(rest[0]) {
		return s, fmt.Errorf("unexpected character %q after package name", rest[0])
	}
	return s, s.parseConstraint(strings.TrimSpace(rest))
}

// parseConstraint fills version and build from what follows the name.
func (s *condaSpec) parseConstraint(rest string) error {
	if v, b, ok := splitEqBuild(rest); ok {
		s.version, s.build, s.eqBuild = "="+v, b, true
		if err := checkCondaVersionExpr(s.version); err != nil {
			return err
		}
		return checkBuild(b)
	}
	fields := strings.Fields(squeezeOps(rest))
	if len(fields) > 2 {
		return fmt.Errorf("too many fields: want name, version and build at most")
	}
	s.version = fields[0]
	if err := checkCondaVersionExpr(s.version); err != nil {
		return err
	}
	if len(fields) == 2 {
		s.build = fields[1]
		return checkBuild(s.build)
	}
	return nil
}

// splitEqBuild recognises "=version=build" as written by conda env export.
func splitEqBuild(rest string) (version, build string, ok bool) {
	if len(rest) < 2 || rest[0] != '=' || rest[1] == '=' {
		return "", "", false
	}
	parts := strings.Split(rest[1:], "=")
	if len(parts) != 2 || strings.ContainsAny(rest, " \t<>!~,|") {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// squeezeOps removes whitespace around operators, commas and pipes so that
// "pkg >= 1.0 , < 2" and "pkg >=1.0,<2" read the same.
func squeezeOps(s string) string {
	var b strings.Builder
	fields := strings.Fields(s)
	for i, f := range fields {
		if i > 0 && !isJoinByte(f[0]) && !isJoinByte(fields[i-1][len(fields[i-1])-1]) {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

// checkCondaVersionExpr validates alternatives ("|") of clauses (",") of an
// optional operator and a version.
func checkCondaVersionExpr(expr string) error {
	for _, alt := range strings.Split(expr, "|") {
		for _, clause := range strings.Split(alt, ",") {
			if err := checkCondaClause(clause); err != nil {
				return err
			}
		}
	}
	return nil
}

// condaOps are the operators of a conda version clause, longest first.
var condaOps = [...]string{"==", "!=", ">=", "<=", "~=", ">", "<", "="}

func checkCondaClause(clause string) error {
	if clause == "" {
		return fmt.Errorf("empty version clause")
	}
	op := leadingOp(clause, condaOps[:])
	v := clause[len(op):]
	if run := opRun(clause); len(run) > len(op) {
		return fmt.Errorf("invalid operator %q", run)
	}
	if v == "" {
		return fmt.Errorf("missing version after %q", op)
	}
	return checkCondaVersion(v)
}

// checkCondaVersion accepts [N!]segments where segments use letters, digits,
// "_", "+", "*" and single dots; "-" is not allowed (conda rejects it).
func checkCondaVersion(v string) error {
	if i := strings.IndexByte(v, '!'); i >= 0 {
		if i == 0 || !allDigits(v[:i]) {
			return fmt.Errorf("invalid version %q: epoch must be digits before \"!\"", v)
		}
		v = v[i+1:]
	}
	if v == "" || v[0] == '.' || v[len(v)-1] == '.' || strings.Contains(v, "..") {
		return fmt.Errorf("invalid version %q: empty segment", v)
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !isAlnum(c) && c != '.' && c != '_' && c != '+' && c != '*' {
			return fmt.Errorf("invalid version %q: character %q not allowed", v, c)
		}
	}
	return nil
}

func checkBuild(b string) error {
	if b == "" {
		return fmt.Errorf("empty build string")
	}
	for i := 0; i < len(b); i++ {
		if c := b[i]; !isAlnum(c) && c != '.' && c != '_' && c != '+' && c != '*' {
			return fmt.Errorf("invalid build string %q: character %q not allowed", b, c)
		}
	}
	return nil
}

func checkCondaName(name string) error {
	if name == "" {
		return fmt.Errorf("empty package name")
	}
	if !isAlnum(name[0]) && name[0] != '_' {
		return fmt.Errorf("package name %q must start with a letter, digit or \"_\"", name)
	}
	return nil
}

// checkChannel accepts a channel name, "name/subdir", a URL or a path: any
// text without whitespace, "::" or a leading "-".
func checkChannel(c string) error {
	switch {
	case c == "":
		return fmt.Errorf("empty channel")
	case c[0] == '-':
		return fmt.Errorf("channel %q must not start with \"-\"", c)
	case strings.Contains(c, "::"):
		return fmt.Errorf("channel %q must not contain \"::\"", c)
	case !utf8.ValidString(c):
		return fmt.Errorf("channel %q is not valid UTF-8", c)
	}
	for _, r := range c {
		if r <= ' ' || r == 0x7f {
			return fmt.Errorf("channel %q must not contain whitespace or control characters", c)
		}
	}
	return nil
}

// checkText rejects control characters and whitespace other than space and
// tab: conda and pip read entries line by line, so a line break inside an
// entry would smuggle in another one.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("invalid UTF-8")
	}
	for _, r := range s {
		if r != ' ' && r != '\t' && (unicode.IsControl(r) || unicode.IsSpace(r)) {
			return fmt.Errorf("control or line-break character %q not allowed", r)
		}
	}
	return nil
}

// leadingOp returns the longest operator of ops that prefixes s.
func leadingOp(s string, ops []string) string {
	for _, op := range ops {
		if strings.HasPrefix(s, op) {
			return op
		}
	}
	return ""
}

// opRun returns the run of operator bytes that starts s.
func opRun(s string) string {
	n := 0
	for n < len(s) && isOpByte(s[n]) {
		n++
	}
	return s[:n]
}

func isNameByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' || c == '.' }
func isOpByte(c byte) bool   { return c == '=' || c == '<' || c == '>' || c == '!' || c == '~' }
func isJoinByte(c byte) bool { return isOpByte(c) || c == ',' || c == '|' }
func isSpace(c byte) bool    { return c == ' ' || c == '\t' }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
