package compute

import (
	"fmt"
	"strings"
)

// ReservedNames are target names the Azure ML SDK refuses for new targets:
// they name built-in targets.
func ReservedNames() []string {
	return []string{"amlcompute", "local", "containerinstance"}
}

// The rule texts a *NameError carries.
const (
	nameRuleShape = "it can include letters, digits and dashes; it must start with a letter, " +
		"end with a letter or digit, and be between 2 and 16 characters in length"
	nameRuleReserved = "it is a reserved name (amlcompute, local, containerinstance)"
)

// ValidateName checks a name for a new compute target against the
// service's rule (letters, digits and dashes; starts with a letter, ends
// with a letter or digit; 2 to 16 characters) and the SDK's reserved names.
// It returns a *[NameError] naming the value and the rule broken.
func ValidateName(name string) error {
	if !validShape(name) {
		return &NameError{Name: name, Rule: nameRuleShape}
	}
	for _, r := range ReservedNames() {
		if strings.EqualFold(name, r) {
			return &NameError{Name: name, Rule: nameRuleReserved}
		}
	}
	return nil
}

// validShape applies the service's character and length rule.
func validShape(name string) bool {
	if len(name) < 2 || len(name) > 16 {
		return false
	}
	letter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !letter(c) && !digit(c) && c != '-' {
			return false
		}
	}
	last := name[len(name)-1]
	return letter(name[0]) && (letter(last) || digit(last))
}

// NameError reports a compute target name that breaks a rule.
type NameError struct {
	Name string
	Rule string
}

// Error implements error.
func (e *NameError) Error() string {
	return fmt.Sprintf("compute: name %q is invalid: %s", e.Name, e.Rule)
}
