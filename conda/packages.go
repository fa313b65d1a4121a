package conda

import (
	"slices"
	"strings"
)

// AddCondaPackage adds the conda spec, e.g. "numpy", "numpy>=1.24,<2",
// "scipy=1.11.1=py311h64a7726_0" or "conda-forge::pandas". A package whose
// name (case-insensitive, channel ignored) is already present is replaced in
// place, whatever its version; extra entries with that name are dropped.
// "python..." specs therefore replace the python pin. An invalid spec
// returns a *[ValidationError] and leaves d unchanged.
func (d *Dependencies) AddCondaPackage(spec string) error {
	s, err := parseCondaSpec(spec)
	if err != nil {
		return &ValidationError{Field: fieldConda, Value: spec, Reason: err.Error()}
	}
	d.conda = upsert(d.conda, strings.TrimSpace(spec), s.key(), condaKey)
	return nil
}

// RemoveCondaPackage removes every conda entry named name (case-insensitive,
// version and channel ignored). Unlike the Python SDK it may remove python:
// an environment without a python pin is valid here.
func (d *Dependencies) RemoveCondaPackage(name string) {
	key := condaKey(name)
	d.conda = slices.DeleteFunc(d.conda, func(e string) bool { return condaKey(e) == key })
}

// PythonVersion returns the version constraint of the python entry: "3.8.13"
// for python=3.8.13 (and for python=3.8.13=h955ad1f_0), ">=3.8" for
// python>=3.8; "" when there is no python entry or it has no version.
func (d *Dependencies) PythonVersion() string {
	for _, e := range d.conda {
		s, err := parseCondaSpec(e)
		if err != nil || s.key() != "python" {
			continue
		}
		if v, ok := strings.CutPrefix(s.version, "="); ok && !strings.HasPrefix(v, "=") {
			return v
		}
		return s.version
	}
	return ""
}

// SetPythonVersion pins python, as the Python SDK does, with the conda
// package "python=<v>"; v may also be a constraint starting with an
// operator (">=3.8" gives "python>=3.8"). The python entry is replaced in
// place, or put first when there is none. An empty v removes the pin.
func (d *Dependencies) SetPythonVersion(v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		d.RemoveCondaPackage("python")
		return nil
	}
	spec := "python=" + v
	if isOpByte(v[0]) {
		spec = "python" + v
	}
	if _, err := parseCondaSpec(spec); err != nil || strings.ContainsAny(v, " \t") {
		reason := "want a version like 3.10 or a constraint like >=3.8"
		if err != nil {
			reason = err.Error()
		}
		return &ValidationError{Field: fieldPython, Value: v, Reason: reason}
	}
	if !slices.ContainsFunc(d.conda, func(e string) bool { return condaKey(e) == "python" }) {
		d.conda = slices.Insert(d.conda, 0, spec)
		return nil
	}
	d.conda = upsert(d.conda, spec, "python", condaKey)
	return nil
}

// AddPipPackage adds a pip requirement entry: "requests", "requests==2.31.0",
// "uvicorn[standard]>=0.23; python_version>='3.8'", "pkg @ https://...",
// "git+https://github.com/org/repo@v1#egg=repo", a wheel URL, a local path,
// or a file reference "-r requirements.txt", "-c constraints.txt", "-e .".
// An entry with the same name (PEP 503 normalised; taken from #egg= or the
// wheel file name for URLs) replaces the old one in place. Global options
// such as --index-url go through [Dependencies.SetPipOption]. An invalid
// entry returns a *[ValidationError] and leaves d unchanged.
func (d *Dependencies) AddPipPackage(spec string) error {
	s, err := parsePipSpec(spec)
	if err != nil {
		return &ValidationError{Field: fieldPip, Value: spec, Reason: err.Error()}
	}
	d.pip = upsert(d.pip, strings.TrimSpace(spec), s.key(), pipKey)
	return nil
}

// RemovePipPackage removes every pip entry whose name matches name (PEP 503
// normalised, version ignored); name may also be a whole entry such as
// "-r requirements.txt" or a URL.
func (d *Dependencies) RemovePipPackage(name string) {
	key := pipKey(name)
	d.pip = slices.DeleteFunc(d.pip, func(e string) bool { return pipKey(e) == key })
}

// AddChannel appends a channel ("conda-forge", "pytorch/label/nightly", a
// URL or a file:// path) unless it is already listed. Order matters to conda:
// earlier channels have priority.
func (d *Dependencies) AddChannel(name string) error {
	c := strings.TrimSpace(name)
	if err := checkChannel(c); err != nil {
		return &ValidationError{Field: fieldChannels, Value: name, Reason: err.Error()}
	}
	if !slices.Contains(d.channels, c) {
		d.channels = append(d.channels, c)
	}
	return nil
}

// RemoveChannel removes the channel, if listed.
func (d *Dependencies) RemoveChannel(name string) {
	c := strings.TrimSpace(name)
	d.channels = slices.DeleteFunc(d.channels, func(e string) bool { return e == c })
}

// SetPipOption sets a global pip option such as "--index-url https://..."
// (or "--index-url=https://...", "-i https://..."). It replaces an option
// with the same flag, except for the repeatable --extra-index-url,
// --find-links, --trusted-host, --no-binary, --only-binary and --use-feature,
// which are appended unless the same option is already there. Only options
// that pip accepts in a requirements file are allowed (see the package doc);
// others return a *[ValidationError].
func (d *Dependencies) SetPipOption(opt string) error {
	o, err := parsePipOption(opt)
	if err != nil {
		return &ValidationError{Field: fieldPipOpt, Value: opt, Reason: err.Error()}
	}
	entry := strings.TrimSpace(opt)
	if info, _ := lookupPipOption(o.flag); info.repeatable {
		if !slices.ContainsFunc(d.pipOpts, func(e string) bool { return optCanonical(e) == o.canonical() }) {
			d.pipOpts = append(d.pipOpts, entry)
		}
		return nil
	}
	d.pipOpts = upsert(d.pipOpts, entry, o.flag, optFlag)
	return nil
}

// RemovePipOption removes the options with the given flag ("--index-url" or
// its short form "-i"). With an argument ("--extra-index-url https://x")
// only that option is removed.
func (d *Dependencies) RemovePipOption(flag string) {
	f, arg := splitFlag(flag)
	f = canonicalFlag(f)
	d.pipOpts = slices.DeleteFunc(d.pipOpts, func(e string) bool {
		ef, earg := splitFlag(e)
		return canonicalFlag(ef) == f && (arg == "" || earg == arg)
	})
}

// upsert replaces the first entry whose key is key with entry and drops the
// other entries with that key, or appends entry when none has it.
func upsert(list []string, entry, key string, keyOf func(string) string) []string {
	i := slices.IndexFunc(list, func(e string) bool { return keyOf(e) == key })
	if i < 0 {
		return append(list, entry)
	}
	list[i] = entry
	tail := slices.DeleteFunc(list[i+1:], func(e string) bool { return keyOf(e) == key })
	return list[:i+1+len(tail)]
}

// condaKey is the match key of a conda entry, or of a bare name.
func condaKey(e string) string {
	if s, err := parseCondaSpec(e); err == nil {
		return s.key()
	}
	return strings.ToLower(strings.TrimSpace(e))
}

// pipKey is the match key of a pip entry, or of a bare name.
func pipKey(e string) string {
	if s, err := parsePipSpec(e); err == nil {
		return s.key()
	}
	return normalizePipName(strings.TrimSpace(e))
}

func optFlag(e string) string {
	f, _ := splitFlag(e)
	return canonicalFlag(f)
}

func optCanonical(e string) string {
	if o, err := parsePipOption(e); err == nil {
		return o.canonical()
	}
	return strings.TrimSpace(e)
}
