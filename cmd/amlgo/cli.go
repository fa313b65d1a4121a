package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is one node of the command tree: a group (subs set) or a leaf
// (run set). Leaves declare their flags in setup, binding them to variables
// of the closure that builds the command, so a tree holds no shared state.
type command struct {
	name    string
	summary string // one line, lowercase, no period
	args    string // positional arguments for the usage line, e.g. "RUN_ID"
	long    string // optional paragraph after the summary
	example string // one or more example lines, without the leading "$ "
	// nargs bounds the positional arguments: min and max (-1: any).
	minArgs, maxArgs int
	setup            func(f *flags)
	run              func(ctx context.Context, a *app, args []string) error
	subs             []*command
	// data marks a command that prints data, so it takes --output.
	data bool
}

// usageError is a command line that cannot be run: exit code 2.
type usageError struct {
	cmd string // the full command path, e.g. "amlgo run show"
	msg string
}

func (e *usageError) Error() string { return e.cmd + ": " + e.msg }

// find returns the sub-command called name, or nil.
func (c *command) find(name string) *command {
	for _, s := range c.subs {
		if s.name == name {
			return s
		}
	}
	return nil
}

// resolve walks args down the tree and returns the command reached, its
// path ("amlgo run show") and the remaining arguments.
func resolve(root *command, args []string) (*command, string, []string) {
	c, path := root, root.name
	for len(args) > 0 && c.subs != nil {
		s := c.find(args[0])
		if s == nil {
			break
		}
		c, path, args = s, path+" "+s.name, args[1:]
	}
	return c, path, args
}

// flagsOf builds the flag set of a leaf: its own flags, then the global ones.
func (a *app) flagsOf(c *command, path string) *flags {
	f := newFlags(path)
	if c.setup != nil {
		c.setup(f)
	}
	a.globalFlags(f, c.data)
	return f
}

// execute runs the command line args (without the program name).
func (a *app) execute(ctx context.Context, root *command, args []string) error {
	c, path, rest := resolve(root, args)
	if c.subs != nil {
		return a.group(c, path, rest)
	}
	f := a.flagsOf(c, path)
	pos, err := f.parse(rest)
	if errors.Is(err, flag.ErrHelp) {
		a.help(a.stdout, c, path, f)
		return nil
	}
	if err != nil {
		return &usageError{cmd: path, msg: err.Error()}
	}
	if err := a.checkGlobals(path); err != nil {
		return err
	}
	if len(pos) < c.minArgs || (c.maxArgs >= 0 && len(pos) > c.maxArgs) {
		return &usageError{cmd: path, msg: fmt.Sprintf("expected %s, got %d argument(s)", argsWanted(c), len(pos))}
	}
	return c.run(ctx, a, pos)
}

// group handles a command line that stops at a group: help, or an error
// naming the unknown sub-command.
func (a *app) group(c *command, path string, rest []string) error {
	if len(rest) == 0 || rest[0] == "-h" || rest[0] == "--help" || rest[0] == "help" {
		if len(rest) == 0 {
			a.help(a.stderr, c, path, nil)
			return &usageError{cmd: path, msg: "missing command"}
		}
		a.help(a.stdout, c, path, nil)
		return nil
	}
	return &usageError{cmd: path, msg: fmt.Sprintf("unknown command %q (commands: %s)", rest[0], strings.Join(subNames(c), ", "))}
}

func argsWanted(c *command) string {
	switch {
	case c.maxArgs == 0:
		return "no arguments"
	case c.minArgs == c.maxArgs:
		return fmt.Sprintf("%d argument(s) (%s)", c.minArgs, c.args)
	case c.maxArgs < 0:
		return fmt.Sprintf("at least %d argument(s) (%s)", c.minArgs, c.args)
	}
	return fmt.Sprintf("%d to %d argument(s) (%s)", c.minArgs, c.maxArgs, c.args)
}

func subNames(c *command) []string {
	var out []string
	for _, s := range c.subs {
		out = append(out, s.name)
	}
	return out
}

// help writes a command's help: usage, summary, example, then its commands
// or flags.
func (a *app) help(w io.Writer, c *command, path string, f *flags) {
	if c.subs != nil {
		fmt.Fprintf(w, "Usage: %s COMMAND [flags]\n\n%s.\n", path, capitalize(c.summary))
	} else {
		fmt.Fprintf(w, "Usage: %s", path)
		if c.args != "" {
			fmt.Fprintf(w, " %s", c.args)
		}
		fmt.Fprintf(w, " [flags]\n\n%s.\n", capitalize(c.summary))
	}
	if c.long != "" {
		fmt.Fprintf(w, "\n%s\n", c.long)
	}
	fmt.Fprintf(w, "\nExample:\n")
	for _, l := range strings.Split(c.example, "\n") {
		fmt.Fprintf(w, "  $ %s\n", l)
	}
	if c.subs != nil {
		fmt.Fprintf(w, "\nCommands:\n")
		for _, s := range c.subs {
			fmt.Fprintf(w, "  %-16s %s\n", s.name, s.summary)
		}
		fmt.Fprintf(w, "\nRun '%s COMMAND --help' for a command's flags.\n", path)
		return
	}
	fmt.Fprintf(w, "\nFlags:\n")
	f.help(w)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
