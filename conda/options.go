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

// lookupPipOption describes the global options by their long spelling.
func lookupPipOption(flag string) (pipOptionInfo, bool) {
	switch flag {
	case "--index-url":
		return pipOptionInfo{arg: true}, true
	case "--extra-index-url", "--find-links", "--trusted-host",
		"--no-binary", "--only-binary", "--use-feature":
		return pipOptionInfo{arg: true, repeatable: true}, true
	case "--no-index", "--pre", "--prefer-binary", "--require-hashes":
		return pipOptionInfo{}, true
	}
	return pipOptionInfo{}, false
}

// fileRefFlag maps the requirement-file flags (-r, -c, -e and their long
// forms) to their short spelling.
func fileRefFlag(flag string) (string, bool) {
	switch flag {
	case "-r", "--requirement":
		return "-r", true
	case "-c", "--constraint":
		return "-c", true
	case "-e", "--editable":
		return "-e", true
	}
	return "", false
}

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

// canonicalFlag returns the long spelling of flag ("-i" -> "--index-url").
func canonicalFlag(flag string) string {
	switch flag {
	case "-i":
		return "--index-url"
	case "-f":
		return "--find-links"
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
	if _, ok := fileRefFlag(flag); ok {
		return pipOption{}, fmt.Errorf("%s is a requirement entry: add it as a pip package", flag)
	}
	o := pipOption{flag: canonicalFlag(flag), arg: arg}
	info, ok := lookupPipOption(o.flag)
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
	_, isRef := fileRefFlag(flag)
	return !isRef
}
