package conda

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Parse reads a conda environment file (environment.yml, conda_dependencies.yml,
// or the output of `conda env export`). Top-level keys may be name, channels,
// dependencies, variables and prefix; anything else, like in the Python SDK,
// is an error. Every entry is validated; the first problem is returned as a
// *[ParseError] naming its line and entry.
func Parse(data []byte) (*Dependencies, error) {
	root, err := decodeRoot(data)
	if err != nil {
		return nil, err
	}
	d := &Dependencies{variables: map[string]string{}}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], resolve(root.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return nil, &ParseError{Line: k.Line, Reason: "top-level key must be a string"}
		}
		if seen[k.Value] {
			return nil, &ParseError{Line: k.Line, Entry: k.Value, Reason: "duplicate key"}
		}
		seen[k.Value] = true
		if err := d.parseKey(k, v); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// Load reads and parses the conda environment file at path. Errors name
// the path; a *[ParseError] has its Path set.
func Load(path string) (*Dependencies, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("conda: load: %w", err)
	}
	d, err := Parse(data)
	if pe, ok := errors.AsType[*ParseError](err); ok {
		pe.Path = path
	}
	return d, err
}

// decodeRoot decodes exactly one YAML document whose top level is a mapping.
func decodeRoot(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &ParseError{Reason: "empty document: want a mapping with name, channels and dependencies"}
		}
		return nil, yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil {
			return nil, yamlError(err)
		}
		return nil, &ParseError{Line: line, Reason: "more than one YAML document"}
	}
	if len(doc.Content) == 0 {
		return nil, &ParseError{Reason: "empty document: want a mapping with name, channels and dependencies"}
	}
	root := resolve(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, &ParseError{Line: root.Line, Reason: "not a conda environment: the top level must be a mapping"}
	}
	return root, nil
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlError turns a YAML syntax error into a *ParseError with its line.
func yamlError(err error) *ParseError {
	pe := &ParseError{Reason: "invalid yaml: " + err.Error()}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		pe.Line, _ = strconv.Atoi(m[1])
	}
	return pe
}

// resolve follows YAML aliases to the anchored node.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// parseKey stores the value v of the top-level key k.
func (d *Dependencies) parseKey(k, v *yaml.Node) error {
	switch k.Value {
	case "name":
		return scalarInto(&d.name, k.Value, v)
	case "prefix":
		return scalarInto(&d.prefix, k.Value, v)
	case "channels":
		return d.parseChannels(v)
	case "dependencies":
		return d.parseDependencies(v)
	case "variables":
		return d.parseVariables(v)
	case "pip":
		return &ParseError{Line: k.Line, Entry: k.Value, Reason: "pip list outside dependencies: nest it as \"- pip:\" under dependencies"}
	}
	return &ParseError{Line: k.Line, Entry: k.Value, Reason: "unknown key in environment specification (want name, channels, dependencies, variables or prefix)"}
}

// scalarInto stores a scalar (or null, as "") into dst.
func scalarInto(dst *string, key string, v *yaml.Node) error {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.ScalarNode {
		return &ParseError{Line: v.Line, Entry: key, Reason: "want a single value, got " + kindName(v)}
	}
	*dst = v.Value
	return nil
}

// seqItems returns the items of a sequence (none for null).
func seqItems(key string, v *yaml.Node) ([]*yaml.Node, error) {
	if isNull(v) {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, &ParseError{Line: v.Line, Entry: key, Reason: "want a list, got " + kindName(v)}
	}
	items := make([]*yaml.Node, len(v.Content))
	for i, n := range v.Content {
		items[i] = resolve(n)
	}
	return items, nil
}

// stringItem checks that a list item is a string and returns it.
func stringItem(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		return "", &ParseError{Line: n.Line, Entry: n.Value,
			Reason: fmt.Sprintf("wrong type: want a %s string, got %s", what, kindName(n))}
	}
	return n.Value, nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// kindName describes a node for error messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "an empty value"
		}
		return "a " + n.ShortTag() + " value"
	}
	return "an unsupported node"
}
