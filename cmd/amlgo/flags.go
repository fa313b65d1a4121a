package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// flags wraps a flag.FlagSet with GNU-style long names, optional one-letter
// short forms and the order flags were declared in, for help and completion.
type flags struct {
	fs    *flag.FlagSet
	short map[string]string // long name -> short name
	order []string          // long names in declaration order
	args  map[string]string // long name -> value placeholder for help
}

// newFlags returns an empty set named after the command.
func newFlags(name string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{fs: fs, short: map[string]string{}, args: map[string]string{}}
}

func (f *flags) add(long, short, arg string) {
	f.order = append(f.order, long)
	f.args[long] = arg
	if short != "" {
		f.short[long] = short
	}
}

// str declares a string flag --long (and -short when not "").
func (f *flags) str(p *string, long, short, arg, def, usage string) {
	f.add(long, short, arg)
	f.fs.StringVar(p, long, def, usage)
	if short != "" {
		f.fs.StringVar(p, short, def, usage)
	}
}

// boolean declares a bool flag.
func (f *flags) boolean(p *bool, long, short, usage string) {
	f.add(long, short, "")
	f.fs.BoolVar(p, long, false, usage)
	if short != "" {
		f.fs.BoolVar(p, short, false, usage)
	}
}

// integer declares an int flag.
func (f *flags) integer(p *int, long, short, arg string, def int, usage string) {
	f.add(long, short, arg)
	f.fs.IntVar(p, long, def, usage)
	if short != "" {
		f.fs.IntVar(p, short, def, usage)
	}
}

// changed reports whether the flag --long (or its short form) was given
// on the command line, as opposed to left at its default.
func (f *flags) changed(long string) bool {
	found := false
	f.fs.Visit(func(fl *flag.Flag) {
		if fl.Name == long || (fl.Name == f.short[long] && f.short[long] != "") {
			found = true
		}
	})
	return found
}

// list declares a repeatable string flag.
func (f *flags) list(p *[]string, long, short, arg, usage string) {
	f.add(long, short, arg)
	v := (*listValue)(p)
	f.fs.Var(v, long, usage)
	if short != "" {
		f.fs.Var(v, short, usage)
	}
}

// listValue is a flag.Value that appends every occurrence.
type listValue []string

func (l *listValue) String() string     { return strings.Join(*l, ",") }
func (l *listValue) Set(s string) error { *l = append(*l, s); return nil }

// parse parses args GNU-style: flags may come before, between or after the
// positional arguments; everything after "--" is positional.
func (f *flags) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.fs.Parse(args); err != nil {
			return nil, err
		}
		rest := f.fs.Args()
		used := len(args) - len(rest)
		if used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// names returns every flag spelling ("--output", "-o"), sorted.
func (f *flags) names() []string {
	var out []string
	for _, long := range f.order {
		out = append(out, "--"+long)
		if s := f.short[long]; s != "" {
			out = append(out, "-"+s)
		}
	}
	sort.Strings(out)
	return out
}

// help writes the flag list, one flag a line.
func (f *flags) help(w io.Writer) {
	type line struct{ left, usage string }
	var lines []line
	width := 0
	for _, long := range f.order {
		left := "    --" + long
		if s := f.short[long]; s != "" {
			left = "-" + s + ", --" + long
		}
		if a := f.args[long]; a != "" {
			left += " " + a
		}
		fl := f.fs.Lookup(long)
		usage := fl.Usage
		if fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "0" {
			usage += fmt.Sprintf(" (default %q)", fl.DefValue)
		}
		lines = append(lines, line{left, usage})
		width = max(width, len(left))
	}
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l.left, l.usage)
	}
}
