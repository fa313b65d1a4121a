// Package gitinfo inspects the git work tree a source folder belongs to and
// turns what it finds into the run properties of the Azure ML SDK
// (azureml.git.* and mlflow.source.git.*).
//
// Inspection never fails a run: when git is absent, the folder is not in a
// work tree, or a command errors, the fact it would have produced is simply
// omitted. Environment variables (AZUREML_GIT_REPOSITORY_URI,
// AZUREML_GIT_BRANCH, AZUREML_GIT_COMMIT, AZUREML_GIT_DIRTY,
// AZUREML_GIT_BUILD_ID, AZUREML_GIT_BUILD_URI) take precedence over what git
// reports, as in the Python SDK.
package gitinfo

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
)

// The run property names, exactly as the Python SDK spells them.
const (
	PropRepositoryURI       = "azureml.git.repository_uri"
	PropMLflowRepositoryURL = "mlflow.source.git.repoURL"
	PropBranch              = "azureml.git.branch"
	PropMLflowBranch        = "mlflow.source.git.branch"
	PropCommit              = "azureml.git.commit"
	PropMLflowCommit        = "mlflow.source.git.commit"
	PropDirty               = "azureml.git.dirty"
	PropBuildID             = "azureml.git.build_id"
	PropBuildURI            = "azureml.git.build_uri"
)

// The environment variables that override what git reports.
const (
	EnvRepositoryURI = "AZUREML_GIT_REPOSITORY_URI"
	EnvBranch        = "AZUREML_GIT_BRANCH"
	EnvCommit        = "AZUREML_GIT_COMMIT"
	EnvDirty         = "AZUREML_GIT_DIRTY"
	EnvBuildID       = "AZUREML_GIT_BUILD_ID"
	EnvBuildURI      = "AZUREML_GIT_BUILD_URI"
)

// DefaultMaxDiff is the default bound on the kept `git diff HEAD` output.
const DefaultMaxDiff = 1 << 20

// TruncatedMarker ends a diff that was cut at its bound.
const TruncatedMarker = "\n[azureml-go: diff truncated]\n"

// Info is what is known about a source folder's git state. Empty strings
// and a nil Dirty mean "unknown".
type Info struct {
	RepositoryURI string
	Branch        string
	Commit        string
	// Dirty is true when `git status --porcelain .` lists changes.
	Dirty    *bool
	BuildID  string
	BuildURI string
	// Diff is `git diff HEAD` of a dirty tree, at most Options.MaxDiff bytes
	// (then ending with TruncatedMarker); empty when clean or unknown.
	Diff []byte
}

// Options tunes Inspect. A nil *Options means defaults.
type Options struct {
	// Git is the git executable; "" means "git" from PATH.
	Git string
	// Getenv reads the override variables; nil means os.Getenv.
	Getenv func(string) string
	// MaxDiff bounds the kept diff in bytes; 0 means DefaultMaxDiff, a
	// negative value keeps no diff.
	MaxDiff int
}

// Properties returns the run properties for i, under the SDK's names.
// Unknown facts are absent.
func (i *Info) Properties() map[string]string {
	p := map[string]string{}
	set := func(v string, keys ...string) {
		if v == "" {
			return
		}
		for _, k := range keys {
			p[k] = v
		}
	}
	set(i.RepositoryURI, PropRepositoryURI, PropMLflowRepositoryURL)
	set(i.Branch, PropBranch, PropMLflowBranch)
	set(i.Commit, PropCommit, PropMLflowCommit)
	set(i.BuildID, PropBuildID)
	set(i.BuildURI, PropBuildURI)
	if i.Dirty != nil {
		p[PropDirty] = pyBool(*i.Dirty)
	}
	return p
}

// pyBool spells a bool as Python's str(bool) does.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// git runs one git command in dir and returns its trimmed stdout, or ""
// when it fails (stderr is discarded).
func git(ctx context.Context, bin, dir string, args ...string) string {
	out, err := gitRaw(ctx, bin, dir, args...)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func gitRaw(ctx context.Context, bin, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
