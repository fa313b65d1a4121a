package workspace

// Workspace name limits (the SDK's and ARM's rule).
const (
	nameMin = 3
	nameMax = 33
)

// nameRule is the Python SDK's message for an invalid workspace name.
const nameRule = "Workspace name must be between 3 and 33 characters long. Its first character has to be " +
	"alphanumeric, and the rest may contain hyphens and underscores. No whitespace is allowed."

// ValidateName checks a workspace name against the rule of the SDK and of
// ARM, ^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$, and returns a [*ValidationError]
// with Field "workspace_name" when it breaks it.
func ValidateName(name string) error {
	if !validName(name) {
		return &ValidationError{Field: "workspace_name", Value: name, Reason: nameRule}
	}
	return nil
}

func validName(name string) bool {
	if len(name) < nameMin || len(name) > nameMax || !isAlnum(name[0]) {
		return false
	}
	for _, c := range []byte(name[1:]) {
		if !isAlnum(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
