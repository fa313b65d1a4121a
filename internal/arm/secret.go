package arm

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// redacted is what a non-empty Secret prints and marshals as.
const redacted = "REDACTED"

// Secret is a password, key or token. It prints (every fmt verb, slog) and
// marshals to JSON as "REDACTED", or as "" when empty, so a model can be
// logged whole. Reveal returns the value; only the client's request encoder
// calls it, to put the value in a request body.
type Secret string

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// String returns "REDACTED" (or "" when empty).
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString returns a quoted "REDACTED", for %#v.
func (s Secret) GoString() string { return fmt.Sprintf("%q", s.String()) }

// Format implements fmt.Formatter so that every verb, %x and %q included,
// prints the redacted form.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			fmt.Fprint(f, s.GoString())
			return
		}
		fmt.Fprint(f, s.String())
	case 'q':
		fmt.Fprintf(f, "%q", s.String())
	default:
		fmt.Fprint(f, s.String())
	}
}

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON writes the redacted form; request bodies use the wire encoder.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads the value from a JSON string (ListKeys responses).
func (s *Secret) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = Secret(v)
	return nil
}

// wire is the value to send for an optional secret: nil when empty,
// so omitempty drops it.
func (s Secret) wire() *string {
	if s == "" {
		return nil
	}
	v := string(s)
	return &v
}

// mask returns the redacted form of s as a Secret, so that even a printer
// that ignores Secret's methods (fmt's bad-verb path) sees no value.
func (s Secret) mask() Secret { return Secret(s.String()) }

// printMasked prints v, a method-less copy with its secrets masked, with
// the verb and flags of f.
func printMasked(f fmt.State, verb rune, v any) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), v)
}

// Format implements fmt.Formatter: every verb prints the password masked.
func (u UserAccountCredentials) Format(f fmt.State, verb rune) {
	type plain UserAccountCredentials
	u.AdminUserPassword = u.AdminUserPassword.mask()
	printMasked(f, verb, plain(u))
}

// Format implements fmt.Formatter: every verb prints password and private
// key masked.
func (c VirtualMachineSSHCredentials) Format(f fmt.State, verb rune) {
	type plain VirtualMachineSSHCredentials
	c.Password = c.Password.mask()
	c.PrivateKeyData = c.PrivateKeyData.mask()
	printMasked(f, verb, plain(c))
}

// Format implements fmt.Formatter: every verb prints the token masked.
func (p DatabricksProperties) Format(f fmt.State, verb rune) {
	type plain DatabricksProperties
	p.DatabricksAccessToken = p.DatabricksAccessToken.mask()
	printMasked(f, verb, plain(p))
}

// Format implements fmt.Formatter: every verb prints the secrets masked.
func (s ComputeSecrets) Format(f fmt.State, verb rune) {
	type plain ComputeSecrets
	s.DatabricksAccessToken = s.DatabricksAccessToken.mask()
	s.UserKubeConfig = s.UserKubeConfig.mask()
	s.AdminKubeConfig = s.AdminKubeConfig.mask()
	if s.AdministratorAccount != nil {
		a := *s.AdministratorAccount
		a.Password, a.PrivateKeyData = a.Password.mask(), a.PrivateKeyData.mask()
		s.AdministratorAccount = &a
	}
	printMasked(f, verb, plain(s))
}
