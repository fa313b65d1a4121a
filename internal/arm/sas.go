package arm

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
)

// SASURL is a URL whose query is a shared access signature (a pending
// upload's container, a run's log file). The signature is a secret: the
// URL prints (every fmt verb, slog) and marshals with its query replaced by
// "REDACTED". Reveal returns the whole URL for the storage request itself.
type SASURL string

// Reveal returns the URL with its signature.
func (u SASURL) Reveal() string { return string(u) }

// Redacted returns the URL without its query, followed by "?REDACTED" when
// it had one.
func (u SASURL) Redacted() string { return RedactURL(string(u)) }

// String returns the redacted form.
func (u SASURL) String() string { return u.Redacted() }

// GoString returns the quoted redacted form, for %#v.
func (u SASURL) GoString() string { return fmt.Sprintf("%q", u.Redacted()) }

// Format implements fmt.Formatter: every verb prints the redacted form.
func (u SASURL) Format(f fmt.State, verb rune) {
	if verb == 'q' || (verb == 'v' && f.Flag('#')) {
		fmt.Fprint(f, u.GoString())
		return
	}
	fmt.Fprint(f, u.Redacted())
}

// LogValue implements slog.LogValuer with the redacted form.
func (u SASURL) LogValue() slog.Value { return slog.StringValue(u.Redacted()) }

// MarshalJSON writes the redacted form.
func (u SASURL) MarshalJSON() ([]byte, error) { return json.Marshal(u.Redacted()) }

// UnmarshalJSON reads the URL from a JSON string (service responses).
func (u *SASURL) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*u = SASURL(v)
	return nil
}

// RedactURL removes the query (and fragment) of a URL that may carry a
// signature, for errors and logs: "https://a/c/b?sv=..&sig=.." becomes
// "https://a/c/b?REDACTED".
func RedactURL(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i] + "?REDACTED"
	}
	return u
}
