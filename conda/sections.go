package conda

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseChannels reads the `channels:` list.
func (d *Dependencies) parseChannels(v *yaml.Node) error {
	items, err := seqItems("channels", v)
	if err != nil {
		return err
	}
	for _, n := range items {
		c, err := stringItem(n, "channel")
		if err != nil {
			return err
		}
		c = strings.TrimSpace(c)
		if err := checkChannel(c); err != nil {
			return &ParseError{Line: n.Line, Entry: n.Value, Reason: err.Error()}
		}
		d.channels = append(d.channels, c)
	}
	return nil
}

// parseDependencies reads the `dependencies:` list: conda specs and
// `- pip:` mappings.
func (d *Dependencies) parseDependencies(v *yaml.Node) error {
	items, err := seqItems("dependencies", v)
	if err != nil {
		return err
	}
	for _, n := range items {
		if n.Kind == yaml.MappingNode {
			if err := d.parseNested(n); err != nil {
				return err
			}
			continue
		}
		spec, err := stringItem(n, "conda package")
		if err != nil {
			return err
		}
		if _, err := parseCondaSpec(spec); err != nil {
			return &ParseError{Line: n.Line, Entry: spec, Reason: "conda package: " + err.Error()}
		}
		d.conda = append(d.conda, strings.TrimSpace(spec))
	}
	return nil
}

// parseNested reads a mapping inside `dependencies:`; only `pip:` is allowed.
func (d *Dependencies) parseNested(m *yaml.Node) error {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode || k.Value != "pip" {
			return &ParseError{Line: k.Line, Entry: k.Value,
				Reason: "unsupported mapping in dependencies: only \"pip:\" is allowed"}
		}
		if err := d.parsePipList(resolve(m.Content[i+1])); err != nil {
			return err
		}
	}
	return nil
}

// parsePipList reads the list under `- pip:`: global options and entries.
func (d *Dependencies) parsePipList(v *yaml.Node) error {
	items, err := seqItems("pip", v)
	if err != nil {
		return err
	}
	for _, n := range items {
		text, err := stringItem(n, "pip package")
		if err != nil {
			return err
		}
		entry := strings.TrimSpace(text)
		if isPipOptionLine(entry) {
			if _, err := parsePipOption(entry); err != nil {
				return &ParseError{Line: n.Line, Entry: text, Reason: err.Error()}
			}
			d.pipOpts = append(d.pipOpts, entry)
			continue
		}
		if _, err := parsePipSpec(entry); err != nil {
			return &ParseError{Line: n.Line, Entry: text, Reason: "pip package: " + err.Error()}
		}
		d.pip = append(d.pip, entry)
	}
	return nil
}

// parseVariables reads the `variables:` mapping of scalar values.
func (d *Dependencies) parseVariables(v *yaml.Node) error {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		return &ParseError{Line: v.Line, Entry: "variables", Reason: "want a mapping, got " + kindName(v)}
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := resolve(v.Content[i]), resolve(v.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Value == "" || isNull(k) {
			return &ParseError{Line: k.Line, Entry: k.Value, Reason: "variable name must be a non-empty string"}
		}
		if _, dup := d.variables[k.Value]; dup {
			return &ParseError{Line: k.Line, Entry: k.Value, Reason: "duplicate variable"}
		}
		var s string
		if err := scalarInto(&s, k.Value, val); err != nil {
			return err
		}
		d.variables[k.Value] = s
	}
	return nil
}
