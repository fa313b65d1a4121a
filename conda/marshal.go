package conda

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Marshal returns d as conda environment YAML in the layout of
// `conda env export`: name, channels, dependencies (conda specs, then one
// `- pip:` list with the global options first), variables (sorted by name),
// prefix. Empty keys are left out, except dependencies. The output depends
// only on the value of d, and [Parse] reads it back to an Equal value.
func (d *Dependencies) Marshal() ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) { root.Content = append(root.Content, str(key), v) }
	if d.name != "" {
		add("name", str(d.name))
	}
	if len(d.channels) > 0 {
		add("channels", strList(d.channels))
	}
	deps := strList(d.conda)
	if len(d.pipOpts)+len(d.pip) > 0 {
		pip := strList(slices.Concat(d.pipOpts, d.pip))
		deps.Content = append(deps.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("pip"), pip}})
	}
	if len(deps.Content) == 0 {
		deps.Style = yaml.FlowStyle
	}
	add("dependencies", deps)
	if len(d.variables) > 0 {
		vars := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range slices.Sorted(maps.Keys(d.variables)) {
			vars.Content = append(vars.Content, str(k), str(d.variables[k]))
		}
		add("variables", vars)
	}
	if d.prefix != "" {
		add("prefix", str(d.prefix))
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("conda: marshal: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("conda: marshal: %w", err)
	}
	return buf.Bytes(), nil
}

// Save writes d to path atomically: the YAML goes to a temporary file in
// the same directory, which is synced and then renamed over path, so a
// reader never sees a partial file. path must not be a directory.
func (d *Dependencies) Save(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return &ValidationError{Field: fieldPath, Value: path, Reason: "is a directory: want a file name such as environment.yml"}
	}
	data, err := d.Marshal()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("conda: save %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := writeSynced(tmp, data); err != nil {
		return fmt.Errorf("conda: save %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("conda: save %s: %w", path, err)
	}
	return nil
}

// writeSynced writes data to f with mode 0644, syncs and closes it.
func writeSynced(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func strList(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}
