package store

import (
	"encoding/hex"
	"strings"
)

const (
	maxSegment = 128
	maxKey     = 512
)

// validKey checks a record key or lock name (see keyProblem).
func validKey(field, key string) error {
	if reason := keyProblem(key); reason != "" {
		return &KeyError{Field: field, Value: key, Reason: reason}
	}
	return nil
}

// keyProblem says why key is invalid, or returns "". A key is "/"-separated
// segments of [A-Za-z0-9._-], none empty, none starting with "." (so no "."
// or ".."), none ending in ".json" (a folder "x.json" would collide with the
// record "x").
func keyProblem(key string) string {
	if key == "" {
		return "must not be empty"
	}
	if len(key) > maxKey {
		return "longer than 512 bytes"
	}
	for seg := range strings.SplitSeq(key, "/") {
		if reason := segmentProblem(seg); reason != "" {
			return reason
		}
	}
	return ""
}

func segmentProblem(seg string) string {
	switch {
	case seg == "":
		return "empty path segment"
	case len(seg) > maxSegment:
		return "path segment longer than 128 bytes"
	case seg[0] == '.':
		return "path segment " + seg + " starts with a dot"
	case strings.HasSuffix(seg, ".json"):
		return "path segment " + seg + " ends in .json"
	}
	for _, c := range []byte(seg) {
		if !isKeyByte(c) {
			return "path segment " + seg + " has a character outside [A-Za-z0-9._-]"
		}
	}
	return ""
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '.' || c == '_' || c == '-'
}

// validHash checks a lowercase hex sha256.
func validHash(h string) error {
	if len(h) != 64 {
		return &KeyError{Field: "hash", Value: h, Reason: "must be 64 hex digits"}
	}
	if _, err := hex.DecodeString(h); err != nil || strings.ToLower(h) != h {
		return &KeyError{Field: "hash", Value: h, Reason: "must be lowercase hex"}
	}
	return nil
}
