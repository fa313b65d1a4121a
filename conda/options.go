package conda

import (
	"fmt"
	"strings"
)

// pipOptionInfo describes a global option that pip accepts in a
// requirements file (the only place conda puts pip options).
type pipOptionInfo struct {
	arg        bool // takes one argument
	repeatable bool // may appear more than once
}

// pipOptionTable lists the global options, keyed by their long spelling.
var pipOptionTable = map[string]pipOptionInfo{
	"--index-url":       {arg: true},
	"--extra-index-url": {arg: true, repeatable: true},
	"--find-links":      {arg: true, repeatable: true},
	"--trusted-host":    {arg: true, repeatable: true},
	"--no-binary":       {arg: true, repeatable: true},
	"--only-binary":     {arg: true, repeatable: true},
	"--use-feature":     {arg: true, repeatable: true},
	"--no-index":        {},
	"--pre":             {},
	"--prefer-binary":   {},
	"--require-hashes":  {},
}

// pipOptionAliases maps short flags to their long spelling.
var pipOptionAliases = map[string]string{"-i": "--index-url", "-f": "--find-links"}

// pipOption is a parsed global pip option.
type pipOption struct {
	flag string // long spelling, e.g. "--index-url"
	arg  string
}

func (o pipOption) canonical() string {
	if o.arg == "" {
		return o.flag
	}
	return o.flag + " " + o.arg
}

// splitFlag splits "--flag value" or "--flag=value" into flag and value.
func splitFlag(t string) (flag, arg string) {
	t = strings.TrimSpace(t)
	end := strings.IndexAny(t, " \t")
	if end < 0 {
		end = len(t)
	}
	if eq := strings.IndexByte(t[:end], '='); eq >= 0 && strings.HasPrefix(t, "--") {
		return t[:eq], strings.TrimSpace(t[eq+1:])
	}
	return t[:end], strings.TrimSpace(t[end:])
}

// canonicalFlag returns the long spelling of flag.
func canonicalFlag(flag string) string {
	if long, ok := pipOptionAliases[flag]; ok {
		return long
	}
	return flag
}

// parsePipOption parses one global pip option line.
func parsePipOption(text string) (pipOption, error) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "-") {
		return pipOption{}, fmt.Errorf("a pip option must start with \"-\"")
	}
	if err := checkText(t); err != nil {
		return pipOption{}, err
	}
	flag, arg := splitFlag(t)
	if _, ok := fileRefFlags[flag]; ok {
		return pipOption{}, fmt.Errorf("%s is a requirement entry: add it as a pip package", flag)
	}
	o := pipOption{flag: canonicalFlag(flag), arg: arg}
	info, ok := pipOptionTable[o.flag]
	switch {
	case !ok:
		return o, fmt.Errorf("unknown pip option %q (not allowed in a requirements file)", flag)
	case info.arg && arg == "":
		return o, fmt.Errorf("pip option %s needs an argument", flag)
	case info.arg && strings.ContainsAny(arg, " \t"):
		return o, fmt.Errorf("pip option %s takes one argument", flag)
	case !info.arg && arg != "":
		return o, fmt.Errorf("pip option %s takes no argument", flag)
	}
	return o, nil
}

// isPipOptionLine tells a global option line from a requirement entry.
func isPipOptionLine(text string) bool {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "-") {
		return false
	}
	flag, _ := splitFlag(t)
	_, isRef := fileRefFlags[flag]
	return !isRef
}
