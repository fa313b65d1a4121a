package runconfig

import (
	"os"
	"path/filepath"
	"slices"
)

// ScriptRunConfig is a script to run: a source directory, the script in it,
// its arguments and the run configuration to run it with (the Python SDK's
// ScriptRunConfig). Submitting it runs [ScriptRunConfig.Effective].
type ScriptRunConfig struct {
	// SourceDirectory is the folder snapshotted and sent to the target.
	SourceDirectory string
	// Script is the script to run, relative to SourceDirectory (an
	// absolute path inside it is accepted). Empty means RunConfig.Script.
	Script string
	// Arguments are the script's arguments. Nil means RunConfig.Arguments.
	Arguments []string
	// RunConfig is the run configuration; nil means [New]().
	RunConfig *RunConfiguration
	// Target, when set, names the compute target instead of
	// RunConfig.Target.
	Target string
}

// ScriptRunConfigOptions are the optional parts of a [ScriptRunConfig].
type ScriptRunConfigOptions struct {
	// Arguments are the script's arguments.
	Arguments []string
	// RunConfig is the run configuration; nil means [New]().
	RunConfig *RunConfiguration
	// Target overrides RunConfig.Target when set.
	Target string
}

// NewScriptRunConfig returns the configuration that runs script from the
// source directory sourceDir. opts may be nil; its slices are copied, and
// RunConfig is used as given (not copied). Nothing is checked here: call
// [ScriptRunConfig.Validate].
func NewScriptRunConfig(sourceDir, script string, opts *ScriptRunConfigOptions) *ScriptRunConfig {
	s := &ScriptRunConfig{SourceDirectory: sourceDir, Script: script}
	if opts != nil {
		s.Arguments = slices.Clone(opts.Arguments)
		s.RunConfig = opts.RunConfig
		s.Target = opts.Target
	}
	if s.RunConfig == nil {
		s.RunConfig = New()
	}
	return s
}

// Effective returns the run configuration a submission uses: a deep copy of
// RunConfig (or of [New]() when nil) with Script (made relative to the
// source directory, with forward slashes), Arguments and Target applied
// when they are set. s is not modified.
func (s *ScriptRunConfig) Effective() *RunConfiguration {
	base := s.RunConfig
	if base == nil {
		base = New()
	}
	rc := base.Clone()
	if s.Script != "" {
		rc.Script = s.Script
		if rel, ok := relativeTo(s.Script, s.SourceDirectory); ok {
			rc.Script = rel
		}
	}
	if s.Arguments != nil {
		rc.Arguments = slices.Clone(s.Arguments)
	}
	if s.Target != "" {
		rc.Target = s.Target
	}
	return rc
}

// Validate checks everything [RunConfiguration.Validate] checks on the
// effective run configuration, and also that the source directory exists,
// that a script is named, that it is a file inside the source directory
// (no "..", no absolute path or symbolic link leading out of it), and that
// a referenced conda file exists in the source directory. It returns nil
// or a *[ValidationError] listing every problem; fields of the source run
// are named source_directory, script and target.
func (s *ScriptRunConfig) Validate() error {
	v := &validator{}
	dir := ""
	switch fi, err := os.Stat(s.SourceDirectory); {
	case s.SourceDirectory == "":
		v.add("source_directory", nil, "must be set")
	case err != nil:
		v.add("source_directory", s.SourceDirectory, "does not exist")
	case !fi.IsDir():
		v.add("source_directory", s.SourceDirectory, "is not a directory")
	default:
		dir = filepath.Clean(s.SourceDirectory)
	}
	rc := s.Effective()
	if s.Script != "" {
		rc.Script = s.Script // check the path as given
	}
	if rc.Script == "" {
		v.add("script", nil, "must name the file to run")
	}
	rc.validate(v, dir)
	return v.err()
}
