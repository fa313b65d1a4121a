package runconfig

import "go.yaml.in/yaml/v3"

// merge returns fresh (the canonical tree of the current settings) laid
// over orig (the document read from a file): known keys take their new
// values, unchanged scalars keep their original spelling and style,
// comments stay where they were, and keys this package does not model are
// kept at their place. orig is never modified.
func merge(orig, fresh *yaml.Node, path string) *yaml.Node {
	if orig == nil || isOpaque(path) {
		return fresh
	}
	var out *yaml.Node
	switch {
	case orig.Kind == yaml.MappingNode && fresh.Kind == yaml.MappingNode:
		out = mergeMapping(orig, fresh, path)
	case orig.Kind == yaml.SequenceNode && fresh.Kind == yaml.SequenceNode:
		out = mergeSequence(orig, fresh, path)
	case orig.Kind == yaml.ScalarNode && fresh.Kind == yaml.ScalarNode && sameScalar(orig, fresh):
		return orig
	default:
		out = fresh
	}
	out.HeadComment, out.LineComment, out.FootComment = orig.HeadComment, orig.LineComment, orig.FootComment
	return out
}

// sameScalar reports whether orig decodes to the value fresh holds.
func sameScalar(orig, fresh *yaml.Node) bool {
	switch {
	case isNull(fresh):
		return isNull(orig)
	case orig.Value != fresh.Value || isNull(orig):
		return false
	case fresh.Tag == "!!str":
		return true // strings are read from any non-null scalar's text
	default:
		return orig.ShortTag() == fresh.Tag
	}
}

// isOpaque reports the subtrees that are replaced whole, never merged.
func isOpaque(path string) bool {
	return path == "environment.python.condaDependencies"
}

// isUserMap reports the mappings whose keys are the user's (not a fixed
// schema): an entry missing from fresh was deleted, not unknown.
func isUserMap(path string) bool {
	switch path {
	case "environment.environmentVariables", "spark.configuration", "dataReferences":
		return true
	}
	return false
}

// isOptionalKey reports known keys that the encoder writes only when set;
// when absent from fresh they were removed and must not be kept.
func isOptionalKey(path string) bool {
	return path == "environment.python.condaDependencies"
}

func mergeMapping(orig, fresh *yaml.Node, path string) *yaml.Node {
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: keepStyle(orig, fresh)}
	index := make(map[string]int, len(fresh.Content)/2)
	for i := 0; i+1 < len(fresh.Content); i += 2 {
		index[fresh.Content[i].Value] = i
	}
	childPath := func(key string) string {
		if isUserMap(path) {
			return path + ".*"
		}
		return join(path, key)
	}
	done := map[string]bool{}
	for i := 0; i+1 < len(orig.Content); i += 2 {
		k, v := orig.Content[i], orig.Content[i+1]
		if k.Kind != yaml.ScalarNode { // a complex key: never one of ours
			out.Content = append(out.Content, k, v)
			continue
		}
		if done[k.Value] {
			continue // a duplicate key: written once
		}
		done[k.Value] = true
		if j, ok := index[k.Value]; ok {
			out.Content = append(out.Content, k, merge(v, fresh.Content[j+1], childPath(k.Value)))
		} else if !isUserMap(path) && !isOptionalKey(join(path, k.Value)) {
			out.Content = append(out.Content, k, v)
		}
	}
	for i := 0; i+1 < len(fresh.Content); i += 2 {
		if !done[fresh.Content[i].Value] {
			out.Content = append(out.Content, fresh.Content[i], fresh.Content[i+1])
		}
	}
	return out
}

func mergeSequence(orig, fresh *yaml.Node, path string) *yaml.Node {
	out := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: keepStyle(orig, fresh)}
	for i, f := range fresh.Content {
		if i < len(orig.Content) {
			f = merge(orig.Content[i], f, path+".*")
		}
		out.Content = append(out.Content, f)
	}
	return out
}

// keepStyle keeps a flow collection flow, unless it was empty ([] or {}):
// then entries added since are written in block style, as the SDK does.
func keepStyle(orig, fresh *yaml.Node) yaml.Style {
	if len(orig.Content) == 0 {
		return fresh.Style
	}
	return orig.Style & yaml.FlowStyle
}

// spellNulls returns a copy of n in which the nulls inside flow
// collections are spelled "null": yaml.v3 writes an empty null there as
// two single quotes, which read back as an empty string. Block nulls stay
// empty, as the SDK writes them.
func spellNulls(n *yaml.Node, inFlow bool) *yaml.Node {
	c := *n
	inFlow = inFlow || n.Style&yaml.FlowStyle != 0
	if inFlow && isNull(&c) && c.Value == "" {
		c.Value = "null"
	}
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, child := range n.Content {
		c.Content[i] = spellNulls(child, inFlow)
	}
	return &c
}
