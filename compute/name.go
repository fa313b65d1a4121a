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
	nameRuleShape = "it must be 3 to 24 characters long, start with a letter, hold only letters, digits " +
		"and hyphens, and not end with a hyphen followed by digits"
	nameRuleReserved = "it is a reserved name (amlcompute, local, containerinstance)"
)

// ValidateName checks a name for a new compute target against the
// service's rule (the computeName pattern of the ARM API: 3 to 24
// characters, a letter first, then letters, digits and hyphens, not ending
// in a hyphen and digits such as "-1") and the SDK's reserved names. It
// does no I/O; every create and attach calls it before any request. It
// returns a *[NameError] naming the value and the rule broken.
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

// validShape applies ^[a-zA-Z](?![a-zA-Z0-9-]*-\d+$)[a-zA-Z0-9\-]{2,23}$.
func validShape(name string) bool {
	if len(name) < 3 || len(name) > 24 {
		return false
	}
	letter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := 0; i < len(name); i++ {
		if c := name[i]; !letter(c) && !digit(c) && c != '-' {
			return false
		}
	}
	if !letter(name[0]) {
		return false
	}
	// Not "-<digits>" at the end: strip trailing digits and look at what
	// precedes them.
	end := len(name)
	for end > 0 && digit(name[end-1]) {
		end--
	}
	return end == len(name) || name[end-1] != '-'
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
