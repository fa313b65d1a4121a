package codeupload

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// SASURL is a URL whose query holds a shared access signature. It prints
// with the query replaced by "REDACTED" (String, GoString, %v, %+v, slog),
// so a Destination can be logged; only the wire requests see the token.
type SASURL string

// Redacted is the printed form: the URL without its query, followed by
// "?REDACTED" when it had one.
func (u SASURL) Redacted() string { return redactURL(string(u)) }

// String implements fmt.Stringer with [SASURL.Redacted].
func (u SASURL) String() string { return u.Redacted() }

// GoString implements fmt.GoStringer with [SASURL.Redacted], quoted.
func (u SASURL) GoString() string { return fmt.Sprintf("%q", u.Redacted()) }

// Format implements fmt.Formatter so every verb prints the redacted form.
func (u SASURL) Format(f fmt.State, verb rune) {
	if verb == 'q' || (verb == 'v' && f.Flag('#')) {
		fmt.Fprintf(f, "%q", u.Redacted())
		return
	}
	fmt.Fprint(f, u.Redacted())
}

// LogValue implements slog.LogValuer with [SASURL.Redacted].
func (u SASURL) LogValue() slog.Value { return slog.StringValue(u.Redacted()) }

// ValidationError reports a bad argument to [Upload] before any I/O.
type ValidationError struct {
	Field  string // e.g. "Destination.Container", "Options.Concurrency"
	Value  string // the offending value, redacted when it is a URL
	Reason string
}

// Error implements error.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("codeupload: %s %q: %s", e.Field, e.Value, e.Reason)
}

// Error is a failed storage operation on one blob or on the container. Its
// text and fields never contain a SAS token; the original azblob error is
// not kept, because its response holds the signed URL.
type Error struct {
	// Op is the operation: "list", "send", "copy", "confirm" or "read".
	Op string
	// Path is the snapshot path concerned; "" for container operations.
	Path string
	// URL is the blob or container URL, without its query.
	URL string
	// StatusCode and ErrorCode are the HTTP status and the storage error
	// code (e.g. "AuthenticationFailed") when the service answered.
	StatusCode int
	ErrorCode  string
	msg        string
	cause      error // context.Canceled, context.DeadlineExceeded or nil
}

// Error implements error.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("codeupload: " + e.Op)
	if e.Path != "" {
		fmt.Fprintf(&b, " %q", e.Path)
	}
	if e.URL != "" {
		b.WriteString(" (" + e.URL + ")")
	}
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, ": the service answered %d", e.StatusCode)
		if e.ErrorCode != "" {
			b.WriteString(" " + e.ErrorCode)
		}
	}
	if e.msg != "" {
		b.WriteString(": " + e.msg)
	}
	return b.String()
}

// Unwrap returns context.Canceled or context.DeadlineExceeded when the
// operation was cut short by its context, and nil otherwise.
func (e *Error) Unwrap() error { return e.cause }

// newError builds an *Error from an azblob (or I/O) error, scrubbing every
// SAS from it; secrets are extra strings to remove wherever they appear.
func newError(op, path, rawURL string, err error, secrets ...string) *Error {
	e := &Error{Op: op, Path: path, URL: redactURL(rawURL)}
	var re *azcore.ResponseError
	if errors.As(err, &re) {
		e.StatusCode, e.ErrorCode = re.StatusCode, re.ErrorCode
	} else {
		e.msg = scrub(err.Error(), secrets...)
	}
	switch {
	case errors.Is(err, context.Canceled):
		e.cause = context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		e.cause = context.DeadlineExceeded
	}
	return e
}

var (
	urlQuery = regexp.MustCompile(`(?i)(https?://[^\s?"'<>]*)\?[^\s"'<>]*`)
	sigParam = regexp.MustCompile(`(?i)\bsig=[^&\s"'<>]*`)
)

// scrub removes URL queries, sig= parameters and the given secrets from s.
func scrub(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) >= 8 {
			s = strings.ReplaceAll(s, sec, "REDACTED")
		}
	}
	s = urlQuery.ReplaceAllString(s, "$1?REDACTED")
	return sigParam.ReplaceAllString(s, "sig=REDACTED")
}

// redactURL drops the query of a URL.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return scrub(raw)
	}
	if u.RawQuery == "" && !u.ForceQuery {
		return u.String()
	}
	u.RawQuery, u.ForceQuery = "", false
	return u.String() + "?REDACTED"
}

// sasSecrets returns the forms in which u's signature could be printed.
func sasSecrets(u SASURL) []string {
	p, err := url.Parse(string(u))
	if err != nil {
		return []string{string(u)}
	}
	sig := p.Query().Get("sig")
	return []string{p.RawQuery, sig, url.QueryEscape(sig)}
}
