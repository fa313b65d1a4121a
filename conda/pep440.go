package conda

import (
	"fmt"
	"regexp"
	"strings"
)

// pep440Version matches a PEP 440 version in its permissive (not only
// normalised) spelling. Group 1 is the release ("1.2.3"), group 2 the
// local label ("+cpu").
var pep440Version = regexp.MustCompile(`(?i)^v?(?:[0-9]+!)?([0-9]+(?:\.[0-9]+)*)` +
	`(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?` +
	`(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?` +
	`(?:[-_.]?dev[-_.]?[0-9]*)?` +
	`(\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$`)

// pep440Prefix is what may precede ".*" in a "==" or "!=" wildcard.
var pep440Prefix = regexp.MustCompile(`(?i)^v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*$`)

// pipOps are the PEP 440 comparison operators, longest first.
var pipOps = [...]string{"===", "~=", "==", "!=", "<=", ">=", "<", ">"}

// checkPipClause validates one PEP 440 specifier and returns it without
// inner whitespace.
func checkPipClause(clause string) (string, error) {
	if clause == "" {
		return "", fmt.Errorf("empty version clause")
	}
	op := leadingOp(clause, pipOps[:])
	if run := opRun(clause); len(run) > len(op) {
		return "", fmt.Errorf("invalid operator %q", run)
	}
	if op == "" {
		return "", fmt.Errorf("missing operator before %q (pip needs ==, >=, ~= ...)", clause)
	}
	v := strings.TrimSpace(clause[len(op):])
	switch {
	case v == "":
		return "", fmt.Errorf("missing version after %q", op)
	case op == "===":
		if strings.ContainsAny(v, " \t") {
			return "", fmt.Errorf("invalid version %q: whitespace", v)
		}
		return op + v, nil
	}
	return op + v, checkPEP440(op, v)
}

// checkPEP440 validates version v as the operand of op.
func checkPEP440(op, v string) error {
	if prefix, ok := strings.CutSuffix(v, ".*"); ok {
		if op != "==" && op != "!=" {
			return fmt.Errorf("wildcard version %q is only allowed with == and !=", v)
		}
		if !pep440Prefix.MatchString(prefix) {
			return fmt.Errorf("invalid version %q: want a release like 1.2 before \".*\"", v)
		}
		return nil
	}
	m := pep440Version.FindStringSubmatch(v)
	switch {
	case m == nil:
		return fmt.Errorf("invalid version %q: not a PEP 440 version", v)
	case m[2] != "" && op != "==" && op != "!=":
		return fmt.Errorf("local version %q is only allowed with == and !=", v)
	case op == "~=" && !strings.Contains(m[1], "."):
		return fmt.Errorf("~= needs at least two release numbers, got %q", v)
	}
	return nil
}
