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

// wireString is the value to send for an optional secret: nil when empty,
// so omitempty drops it.
func (s Secret) wire() *string {
	if s == "" {
		return nil
	}
	v := string(s)
	return &v
}
