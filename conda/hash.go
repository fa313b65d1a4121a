package conda

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
)

// hashFormat versions the canonical form; bump it when the form changes so
// that old cache keys are not reused for a different meaning.
const hashFormat = "conda-env/v1"

// Hash returns the hex SHA-256 of the canonical form of d, a key for
// caching built environments. The canonical form keeps what changes the
// built environment and drops the rest:
//
//   - channels keep their order (conda gives earlier channels priority);
//   - conda packages, pip packages and pip options are sorted sets: conda's
//     solver and pip's resolver ignore the order of requirements, and pip
//     options are global;
//   - specs are normalised: lowercase names (pip names per PEP 503), no
//     spaces inside version constraints, sorted extras and specifiers;
//   - variables are included; name and prefix are not.
//
// So files that differ only in key order, comments, whitespace, quoting or
// package order hash the same, and any change to a package, a version, a
// build, the channel order, a pip option or a variable changes the hash.
func (d *Dependencies) Hash() string {
	h := sha256.New()
	section := func(name string, items []string) {
		writeField(h, name)
		writeField(h, strconv.Itoa(len(items)))
		for _, it := range items {
			writeField(h, it)
		}
	}
	writeField(h, hashFormat)
	section("channels", dedupe(slices.Values(d.channels)))
	section("conda", sortedSet(d.conda, func(e string) string { return condaSpecOf(e).canonical() }))
	section("pip_options", sortedSet(d.pipOpts, optCanonical))
	section("pip", sortedSet(d.pip, func(e string) string { return pipSpecOf(e).canonical() }))
	var vars []string
	for _, k := range slices.Sorted(maps.Keys(d.variables)) {
		vars = append(vars, k, d.variables[k])
	}
	section("variables", vars)
	return hex.EncodeToString(h.Sum(nil))
}

// writeField writes s length-prefixed, so that no two different sequences
// of fields produce the same bytes.
func writeField(w io.Writer, s string) {
	fmt.Fprintf(w, "%d:%s", len(s), s)
}

// dedupe keeps the first occurrence of each item, in order.
func dedupe(items iter.Seq[string]) []string {
	out := []string{}
	for s := range items {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// sortedSet maps items to their canonical form, sorts and deduplicates.
func sortedSet(items []string, canon func(string) string) []string {
	out := make([]string, 0, len(items))
	for _, e := range items {
		out = append(out, canon(e))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// condaSpecOf parses a stored (already validated) conda entry.
func condaSpecOf(e string) condaSpec {
	s, err := parseCondaSpec(e)
	if err != nil {
		return condaSpec{name: e}
	}
	return s
}

// pipSpecOf parses a stored (already validated) pip entry.
func pipSpecOf(e string) pipSpec {
	s, err := parsePipSpec(e)
	if err != nil {
		return pipSpec{kind: pipURL, target: e}
	}
	return s
}
