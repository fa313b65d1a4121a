package experiment

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// nameRule is the Python SDK's experiment name rule, as text for errors.
const nameRule = "must be 1 to 255 characters: a letter or digit, then letters, digits, '_' or '-'"

var nameRE = regexp.MustCompile(`^[a-zA-Z0-9][\w\-]{0,254}$`)

// ValidateName reports whether name is a valid experiment name, using the
// Python SDK's rule ^[a-zA-Z0-9][\w\-]{0,254}$ (ASCII word characters).
// The error is a *ValidationError naming the value and the rule.
func ValidateName(name string) error {
	if !nameRE.MatchString(name) {
		return &ValidationError{Field: "experiment name", Value: name, Reason: nameRule}
	}
	return nil
}

// newRunID makes a run id in the SDK's format:
// <experiment>_<unix seconds>_<8 lowercase hex characters>.
func newRunID(exp string, now time.Time) string {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go >= 1.24)
	return exp + "_" + strconv.FormatInt(now.Unix(), 10) + "_" + hex.EncodeToString(b[:])
}

// ParseRunID splits a run id into its experiment name and submission time.
// It returns a *ValidationError when id is not in the SDK's format
// <experiment>_<unix seconds>_<8 hex>.
func ParseRunID(id string) (experiment string, submitted time.Time, err error) {
	bad := func(reason string) error {
		return &ValidationError{Field: "run id", Value: id, Reason: reason}
	}
	last := strings.LastIndexByte(id, '_')
	if last < 0 || len(id)-last-1 != 8 {
		return "", time.Time{}, bad("must end in _<8 hex characters>")
	}
	if _, err := hex.DecodeString(id[last+1:]); err != nil {
		return "", time.Time{}, bad("must end in _<8 hex characters>")
	}
	mid := strings.LastIndexByte(id[:last], '_')
	if mid < 0 {
		return "", time.Time{}, bad("must be <experiment>_<unix seconds>_<8 hex>")
	}
	secs, perr := strconv.ParseInt(id[mid+1:last], 10, 64)
	if perr != nil || secs < 0 {
		return "", time.Time{}, bad("must hold unix seconds before its last part")
	}
	exp := id[:mid]
	if err := ValidateName(exp); err != nil {
		return "", time.Time{}, bad(fmt.Sprintf("experiment part %q %s", exp, nameRule))
	}
	return exp, time.Unix(secs, 0).UTC(), nil
}
