package runconfig

import (
	"fmt"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/azureml-go/azureml/conda"
)

// maxNodes bounds the size of a document once its YAML aliases are
// expanded, so that a few bytes of nested aliases cannot exhaust memory.
// A real .runconfig has a few hundred nodes, an inline conda environment
// of hundreds of packages a few thousand; parsing a document at the
// bound takes milliseconds (at 100,000 it took ~40 ms, which slowed the
// fuzzer tenfold).
const maxNodes = 20_000

// handler decodes the value node of one key; key is its dotted YAML path.
type handler func(n *yaml.Node, key string) error

// decoder turns a YAML node tree into a RunConfiguration, reporting the
// first value of the wrong type with its file, line and key.
type decoder struct {
	file string
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse reads a .runconfig document. Keys it does not know are kept and
// written back by [RunConfiguration.Marshal]; keys it knows but that are
// absent keep the defaults of [New]. An inline environment.python.
// condaDependencies mapping, as the SDK writes in run definitions, is read
// into Environment.Python.Conda; condaDependenciesFile is not opened (use
// [Load] or [LoadFile] for that). Errors are *[ParseError].
func Parse(data []byte) (*RunConfiguration, error) {
	return decoder{}.parse(data)
}

func (d decoder) parse(data []byte) (*RunConfiguration, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, d.syntaxError(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &ParseError{File: d.file, Reason: "empty document"}
	}
	budget := maxNodes
	root, err := expandAliases(doc.Content[0], &budget)
	if err != nil {
		return nil, &ParseError{File: d.file, Line: doc.Content[0].Line, Reason: err.Error()}
	}
	if root.Kind != yaml.MappingNode {
		return nil, d.errorf(root, "", "the document must be a mapping, not %s", kindName(root))
	}
	rc := New()
	rc.Environment.Python.Conda = nil
	if err := d.mapping(root, "", d.rootFields(rc)); err != nil {
		return nil, err
	}
	doc.Content = []*yaml.Node{root}
	rc.doc = &doc
	return rc, nil
}

func (d decoder) syntaxError(err error) error {
	if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &ParseError{File: d.file, Line: line, Reason: m[2], Err: err}
	}
	return &ParseError{File: d.file, Reason: err.Error(), Err: err}
}

func (d decoder) errorf(n *yaml.Node, key, format string, args ...any) error {
	return &ParseError{File: d.file, Line: n.Line, Key: key, Reason: fmt.Sprintf(format, args...)}
}

// expandAliases returns a copy of n with every alias replaced by a copy of
// its anchor's node and no anchors left, so that the tree can be edited
// and written back without dangling aliases.
func expandAliases(n *yaml.Node, budget *int) (*yaml.Node, error) {
	if *budget--; *budget < 0 {
		return nil, fmt.Errorf("document too large once aliases are expanded (over %d nodes)", maxNodes)
	}
	src := n
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil, fmt.Errorf("alias %q has no anchor", n.Value)
		}
		src = n.Alias
	}
	c := *src
	c.Anchor, c.Alias = "", nil
	if n.Kind == yaml.AliasNode {
		c.Line, c.Column = n.Line, n.Column
	}
	c.Content = make([]*yaml.Node, len(src.Content))
	for i, child := range src.Content {
		ec, err := expandAliases(child, budget)
		if err != nil {
			return nil, err
		}
		c.Content[i] = ec
	}
	return &c, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	default:
		return fmt.Sprintf("%q", n.Value)
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// mapping calls the handler of each known key of n; other keys are left
// for the document kept beside the RunConfiguration. A null section keeps
// its defaults.
func (d decoder) mapping(n *yaml.Node, path string, fields map[string]handler) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return d.errorf(n, path, "must be a mapping, not %s", kindName(n))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if h, ok := fields[k.Value]; ok {
			if err := h(v, join(path, k.Value)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d decoder) section(fields map[string]handler) handler {
	return func(n *yaml.Node, key string) error { return d.mapping(n, key, fields) }
}

func (d decoder) condaInline(p **conda.Dependencies) handler {
	return func(n *yaml.Node, key string) error {
		if isNull(n) {
			*p = nil
			return nil
		}
		if n.Kind != yaml.MappingNode {
			return d.errorf(n, key, "must be a mapping, not %s", kindName(n))
		}
		data, err := yaml.Marshal(n)
		if err != nil {
			return &ParseError{File: d.file, Line: n.Line, Key: key, Reason: err.Error(), Err: err}
		}
		deps, err := conda.Parse(data)
		if err != nil {
			return &ParseError{File: d.file, Line: n.Line, Key: key, Reason: err.Error(), Err: err}
		}
		*p = deps
		return nil
	}
}
