package experiment

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// plan is a validated submission: everything Submit needs, computed
// without side effects.
type plan struct {
	cfg       *runconfig.RunConfiguration // a clone, with script/arguments/target set
	sourceDir string                      // absolute
	script    string                      // slash-separated, relative to sourceDir
	runner    compute.Runner
}

// validate checks a submission and resolves its target (the built-in
// local target from local, when not nil). It writes nothing.
func validate(ctx context.Context, ws *workspace.Workspace, src *runconfig.ScriptRunConfig, target compute.Target, local *localTarget) (*plan, error) {
	if src == nil {
		return nil, &ValidationError{Field: "config", Value: "<nil>", Reason: "must not be nil"}
	}
	base := src.RunConfig
	if base == nil {
		base = runconfig.New()
	}
	cfg := base.Clone()
	if src.Script != "" {
		cfg.Script = src.Script
	}
	if len(src.Arguments) > 0 {
		cfg.Arguments = append([]string(nil), src.Arguments...)
	}
	if src.Target != "" {
		cfg.Target = src.Target
	}
	if target != nil {
		cfg.Target = target.Name()
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("experiment: invalid run configuration: %w", err)
	}
	p := &plan{cfg: cfg}
	var err error
	if p.sourceDir, err = checkSourceDir(src.SourceDirectory); err != nil {
		return nil, err
	}
	if dir := ws.LocalDir(); dir != "" && within(p.sourceDir, dir) {
		return nil, &ValidationError{Field: "source_directory", Value: src.SourceDirectory,
			Reason: "contains the workspace folder " + dir + "; keep the workspace outside the source folder"}
	}
	if p.script, err = checkScript(p.sourceDir, cfg.Script); err != nil {
		return nil, err
	}
	if target == nil && cfg.Target == compute.LocalName && local != nil {
		if target, err = local.get(ws); err != nil {
			return nil, fmt.Errorf("experiment: %w", err)
		}
	}
	if p.runner, err = resolveTarget(ctx, ws, cfg, target); err != nil {
		return nil, err
	}
	return p, nil
}

// checkSourceDir returns the absolute source folder, which must exist.
func checkSourceDir(dir string) (string, error) {
	if dir == "" {
		return "", &ValidationError{Field: "source_directory", Value: dir, Reason: "must name a folder"}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", &ValidationError{Field: "source_directory", Value: dir, Reason: "cannot be made absolute", Err: err}
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", &ValidationError{Field: "source_directory", Value: dir, Reason: "must exist", Err: err}
	}
	if !fi.IsDir() {
		return "", &ValidationError{Field: "source_directory", Value: dir, Reason: "must be a folder"}
	}
	return abs, nil
}

// checkScript returns the script's slash-separated path relative to the
// source folder; the script must be a file inside it.
func checkScript(srcDir, script string) (string, error) {
	if script == "" {
		return "", &ValidationError{Field: "script", Value: script, Reason: "must specify a file to run"}
	}
	abs := script
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(srcDir, script)
	}
	if !within(srcDir, abs) {
		return "", &ValidationError{Field: "script", Value: script,
			Reason: "must be inside the source directory " + srcDir}
	}
	rel, _ := filepath.Rel(srcDir, abs)
	fi, err := os.Stat(abs)
	if err != nil {
		return "", &ValidationError{Field: "script", Value: script,
			Reason: abs + " script path doesn't exist. The script should be inside the project folder"}
	}
	if !fi.Mode().IsRegular() {
		return "", &ValidationError{Field: "script", Value: script, Reason: "must be a regular file"}
	}
	return path.Clean(filepath.ToSlash(rel)), nil
}

// resolveRunner finds the named target in ws and checks it can run jobs.
// A non-nil given target is used instead of looking one up.
func resolveRunner(ctx context.Context, ws *workspace.Workspace, name string, given compute.Target) (compute.Runner, error) {
	if name == "" {
		return nil, &ValidationError{Field: "target", Value: name,
			Reason: "must specify a target either through run configuration or arguments"}
	}
	t, err := given, error(nil)
	if t == nil {
		t, err = compute.Get(ctx, ws, name)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, &ValidationError{Field: "target", Value: name, Reason: "no such compute target in the workspace", Err: err}
	}
	r, ok := t.(compute.Runner)
	if !ok {
		return nil, &ValidationError{Field: "target", Value: name,
			Reason: fmt.Sprintf("a %s target cannot run jobs from this SDK", t.Kind())}
	}
	return r, nil
}

// checkTags rejects empty tag and property names.
func checkTags(field string, m map[string]string) error {
	for k := range m {
		if strings.TrimSpace(k) == "" {
			return &ValidationError{Field: field, Value: k, Reason: "names must not be empty"}
		}
	}
	return nil
}

// within reports whether path is root or inside it (both absolute).
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
