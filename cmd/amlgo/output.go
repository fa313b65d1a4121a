package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"go.yaml.in/yaml/v3"
)

// print writes v in the --output format: table calls table, json and yaml
// encode v (whose json tags are the documented schema; yaml has the same
// keys in the same order).
func (a *app) print(v any, table func(w io.Writer)) error {
	switch a.output {
	case formatJSON:
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	case formatYAML:
		return writeYAML(a.stdout, v)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	table(tw)
	return tw.Flush()
}

// writeYAML encodes v as YAML with the keys and order of its JSON form: the
// JSON is decoded into a YAML node (JSON is YAML), its flow styles cleared.
func writeYAML(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var n yaml.Node
	if err := yaml.Unmarshal(b, &n); err != nil {
		return err
	}
	blockStyle(&n)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return err
	}
	return enc.Close()
}

// blockStyle clears the flow and quoting styles that decoding JSON left, so
// that the encoder writes block YAML and quotes only where YAML needs it.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// row writes one tab-separated table row.
func row(w io.Writer, cells ...any) {
	for i, c := range cells {
		if i > 0 {
			fmt.Fprint(w, "\t")
		}
		fmt.Fprint(w, c)
	}
	fmt.Fprintln(w)
}

// field writes a "key:\tvalue" line of a detail table, skipping empty values.
func field(w io.Writer, key string, value any) {
	if s := fmt.Sprint(value); s != "" && s != "<nil>" && s != "[]" && s != "map[]" {
		fmt.Fprintf(w, "%s:\t%s\n", key, s)
	}
}

// timeOrEmpty formats t as RFC 3339 in UTC, or "" for the zero time.
func timeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// humanBytes formats n as B, KiB, MiB or GiB.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, suffix := float64(n)/unit, "KiB"
	for _, s := range []string{"MiB", "GiB", "TiB"} {
		if v < unit {
			break
		}
		v, suffix = v/unit, s
	}
	return fmt.Sprintf("%.1f %s", v, suffix)
}
