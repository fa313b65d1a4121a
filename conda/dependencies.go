package conda

import (
	"maps"
	"slices"
	"strings"
)

// Dependencies is a conda environment specification: the Go form of the
// Azure ML Python SDK's CondaDependencies. The zero value is not usable;
// create one with [New], [Parse] or [Load].
//
// Entries are kept as written (trimmed), in the order they were added or
// read. A Dependencies is not safe for concurrent mutation; use [Dependencies.Clone]
// to hand a copy to another goroutine.
type Dependencies struct {
	name      string
	prefix    string
	channels  []string
	conda     []string // conda specs, python included
	pipOpts   []string // global pip options ("--index-url ...")
	pip       []string // pip requirement entries
	variables map[string]string
}

// Options are the initial contents of a [Dependencies] built by [New].
// Every entry is validated as by the matching Add or Set method.
type Options struct {
	// Name is the environment name (the `name:` key); may be empty.
	Name string
	// PythonVersion, when set, is stored as the conda package
	// "python=<PythonVersion>" (see [Dependencies.SetPythonVersion]).
	PythonVersion string
	// CondaPackages are conda specs such as "numpy>=1.24" or
	// "conda-forge::scipy=1.11".
	CondaPackages []string
	// PipPackages are pip requirement entries such as "requests==2.31.0",
	// "git+https://github.com/org/repo@v1#egg=repo" or "-r requirements.txt".
	PipPackages []string
	// Channels are conda channels in priority order.
	Channels []string
	// PipOptions are global pip options such as
	// "--extra-index-url https://pypi.example.com/simple".
	PipOptions []string
}

// New returns a Dependencies holding opts, or an empty environment when
// opts is nil. Unlike the Python SDK's CondaDependencies(), New adds no
// defaults (no python pin, no azureml-defaults); [SDKDefaults] builds the
// SDK's default environment explicitly. The first invalid entry is reported
// as a *[ValidationError]. New does not modify opts.
func New(opts *Options) (*Dependencies, error) {
	d := &Dependencies{variables: map[string]string{}}
	if opts == nil {
		return d, nil
	}
	d.name = opts.Name
	steps := []struct {
		items []string
		add   func(string) error
	}{
		{opts.Channels, d.AddChannel},
		{opts.CondaPackages, d.AddCondaPackage},
		{opts.PipOptions, d.SetPipOption},
		{opts.PipPackages, d.AddPipPackage},
	}
	for _, s := range steps {
		for _, item := range s.items {
			if err := s.add(item); err != nil {
				return nil, err
			}
		}
	}
	if opts.PythonVersion != "" {
		if err := d.SetPythonVersion(opts.PythonVersion); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// SDKDefaultPythonVersion is the python version of the late (1.4x–1.5x)
// Azure ML SDK default environment.
const SDKDefaultPythonVersion = "3.8.13"

// SDKDefaults returns the environment that the Python SDK's
// CondaDependencies() starts from (late 1.x): name "project_environment",
// channels anaconda and conda-forge, python=[SDKDefaultPythonVersion] and
// the pip package azureml-defaults. Most Go users want [New] instead.
func SDKDefaults() *Dependencies {
	return &Dependencies{
		name:      "project_environment",
		channels:  []string{"anaconda", "conda-forge"},
		conda:     []string{"python=" + SDKDefaultPythonVersion},
		pip:       []string{"azureml-defaults"},
		variables: map[string]string{},
	}
}

// Clone returns a deep copy of d.
func (d *Dependencies) Clone() *Dependencies {
	return &Dependencies{
		name:      d.name,
		prefix:    d.prefix,
		channels:  slices.Clone(d.channels),
		conda:     slices.Clone(d.conda),
		pipOpts:   slices.Clone(d.pipOpts),
		pip:       slices.Clone(d.pip),
		variables: maps.Clone(d.variables),
	}
}

// Equal reports whether d and o hold the same value: same name, prefix,
// variables, and the same entries in the same order. Two environments that
// install the same thing but list packages in another order are not Equal
// but have the same [Dependencies.Hash].
func (d *Dependencies) Equal(o *Dependencies) bool {
	if d == nil || o == nil {
		return d == o
	}
	return d.name == o.name && d.prefix == o.prefix &&
		slices.Equal(d.channels, o.channels) &&
		slices.Equal(d.conda, o.conda) &&
		slices.Equal(d.pipOpts, o.pipOpts) &&
		slices.Equal(d.pip, o.pip) &&
		maps.Equal(d.variables, o.variables)
}

// Name returns the environment name (the `name:` key).
func (d *Dependencies) Name() string { return d.name }

// SetName sets the environment name. It does not take part in the Hash.
// Invalid UTF-8, which YAML cannot hold, is replaced by U+FFFD.
func (d *Dependencies) SetName(name string) { d.name = strings.ToValidUTF8(name, "\uFFFD") }

// Prefix returns the `prefix:` key as read. It is kept so that a file
// written by `conda env export` round-trips, but is otherwise unused.
func (d *Dependencies) Prefix() string { return d.prefix }

// Variables returns a copy of the environment variables (the `variables:`
// key) that conda sets when the environment is activated.
func (d *Dependencies) Variables() map[string]string { return maps.Clone(d.variables) }

// SetVariable sets the environment variable k to v. An empty k, which
// conda cannot represent, is ignored; invalid UTF-8 in k or v, which YAML
// cannot hold, is replaced by U+FFFD.
func (d *Dependencies) SetVariable(k, v string) {
	if k == "" {
		return
	}
	k, v = strings.ToValidUTF8(k, "\uFFFD"), strings.ToValidUTF8(v, "\uFFFD")
	if d.variables == nil {
		d.variables = map[string]string{}
	}
	d.variables[k] = v
}

// RemoveVariable deletes the environment variable k, if present.
func (d *Dependencies) RemoveVariable(k string) { delete(d.variables, k) }

// Channels returns a copy of the channels in priority order.
func (d *Dependencies) Channels() []string { return slices.Clone(d.channels) }

// CondaPackages returns a copy of the conda specs, python included.
func (d *Dependencies) CondaPackages() []string { return slices.Clone(d.conda) }

// PipPackages returns a copy of the pip requirement entries.
func (d *Dependencies) PipPackages() []string { return slices.Clone(d.pip) }

// PipOptions returns a copy of the global pip options.
func (d *Dependencies) PipOptions() []string { return slices.Clone(d.pipOpts) }
