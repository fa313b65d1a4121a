package workspace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Keys of config.json.
const (
	keySubscription = "subscription_id"
	keyGroup        = "resource_group"
	keyName         = "workspace_name"
	keyScope        = "Scope"
	keyLocal        = "local"
	keyLocalDir     = "local_dir"
)

// missingText is the SDK's message for a config without the required keys.
const missingText = "the config file found in: %s does not seem to contain the required parameters. " +
	"Please make sure it contains your subscription_id, resource_group and workspace_name."

// rawValue is one top-level value of config.json and where it starts.
type rawValue struct {
	raw    json.RawMessage
	offset int64
}

// configFile is a parsed config.json: the top-level keys, exactly as spelled
// (the SDK's keys are case-sensitive, unlike encoding/json's field match).
type configFile struct {
	path   string
	data   []byte
	values map[string]rawValue
}

// parseConfig reads the top level of a config.json document.
func parseConfig(path string, data []byte) (*configFile, error) {
	c := &configFile{path: path, data: data, values: map[string]rawValue{}}
	if err := json.Unmarshal(data, new(any)); err != nil {
		return nil, c.syntaxError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil {
		return nil, c.jsonError(err, dec.InputOffset())
	} else if tok != json.Delim('{') {
		return nil, c.errorAt(0, "", "must be a JSON object", nil)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, c.jsonError(err, dec.InputOffset())
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		offset := valueStart(data, dec.InputOffset())
		if err := dec.Decode(&raw); err != nil {
			return nil, c.jsonError(err, dec.InputOffset())
		}
		c.values[key] = rawValue{raw: raw, offset: offset}
	}
	if _, err := dec.Token(); err != nil {
		return nil, c.jsonError(err, dec.InputOffset())
	}
	return c, nil
}

// valueStart skips the colon and blanks between a key and its value.
func valueStart(data []byte, offset int64) int64 {
	for offset < int64(len(data)) && bytes.IndexByte([]byte(" \t\r\n:"), data[offset]) >= 0 {
		offset++
	}
	return offset
}

// syntaxError locates a json.Unmarshal error. Its Offset counts the bytes
// read up to and including the offending one; a truncated document is
// located just past its end.
func (c *configFile) syntaxError(err error) error {
	offset := int64(len(c.data))
	var se *json.SyntaxError
	if errors.As(err, &se) && !truncated(c.data) {
		offset = se.Offset - 1
	}
	return c.errorAt(offset, "", "invalid JSON", err)
}

// truncated reports whether data is a valid beginning of a JSON value.
func truncated(data []byte) bool {
	err := json.NewDecoder(bytes.NewReader(data)).Decode(new(any))
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// jsonError reports an error of the top-level walk, which only sees
// documents json.Unmarshal accepted.
func (c *configFile) jsonError(err error, offset int64) error {
	return c.errorAt(offset, "", "invalid JSON", err)
}

// errorAt returns a ConfigError located at a byte offset of the file.
func (c *configFile) errorAt(offset int64, key, reason string, err error) *ConfigError {
	line, col := position(c.data, offset)
	return &ConfigError{Path: c.path, Line: line, Column: col, Key: key, Reason: reason, Err: err}
}

// position converts a byte offset to a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// has reports whether key is present with a non-null value.
func (c *configFile) has(key string) bool {
	v, ok := c.values[key]
	return ok && strings.TrimSpace(string(v.raw)) != "null"
}

// str returns the string value of key ("" when absent or null).
func (c *configFile) str(key string) (string, error) {
	if !c.has(key) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(c.values[key].raw, &s); err != nil {
		return "", c.errorAt(c.values[key].offset, key, "must be a string", nil)
	}
	return s, nil
}

// boolean returns the value of a boolean key and whether it is set.
func (c *configFile) boolean(key string) (value, set bool, err error) {
	if !c.has(key) {
		return false, false, nil
	}
	if err := json.Unmarshal(c.values[key].raw, &value); err != nil {
		return false, false, c.errorAt(c.values[key].offset, key, "must be true or false", nil)
	}
	return value, true, nil
}

// keyError reports a problem with a key at the position of its value.
func (c *configFile) keyError(key, reason string, err error) *ConfigError {
	return c.errorAt(c.values[key].offset, key, reason, err)
}

func (c *configFile) missingError(missing []string) *ConfigError {
	return &ConfigError{
		Path:    c.path,
		Missing: missing,
		Reason:  fmt.Sprintf("missing %s: "+missingText, strings.Join(missing, ", "), c.path),
	}
}
