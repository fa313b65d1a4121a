package gitinfo

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Inspect reports the git state of dir. It never returns an error: what git
// cannot tell is left unknown, and environment overrides are applied last.
// It returns nil when neither git nor the environment knows anything.
func Inspect(ctx context.Context, dir string, opts *Options) *Info {
	o := Options{}
	if opts != nil {
		o = *opts
	}
	if o.Git == "" {
		o.Git = "git"
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.MaxDiff == 0 {
		o.MaxDiff = DefaultMaxDiff
	}
	info := &Info{}
	// Outside any repository no git process is started: it would only
	// say "not a work tree", at the cost of a process.
	if mayBeInWorkTree(dir) {
		if bin, err := exec.LookPath(o.Git); err == nil {
			fromGit(ctx, bin, dir, o.MaxDiff, info)
		}
	}
	applyEnv(o.Getenv, info)
	if info.empty() {
		return nil
	}
	return info
}

// fromGit fills info from git commands run in dir.
func fromGit(ctx context.Context, bin, dir string, maxDiff int, info *Info) {
	if git(ctx, bin, dir, "rev-parse", "--is-inside-work-tree") != "true" {
		return
	}
	// The four queries are independent: run them side by side.
	var wg sync.WaitGroup
	wg.Go(func() { info.RepositoryURI = git(ctx, bin, dir, "ls-remote", "--get-url") })
	wg.Go(func() { info.Branch = git(ctx, bin, dir, "symbolic-ref", "--short", "HEAD") })
	wg.Go(func() { info.Commit = git(ctx, bin, dir, "rev-parse", "HEAD") })
	status, err := gitRaw(ctx, bin, dir, "status", "--porcelain", ".")
	wg.Wait()
	if err != nil {
		return
	}
	dirty := len(strings.TrimSpace(string(status))) > 0
	info.Dirty = &dirty
	if dirty && maxDiff > 0 && info.Commit != "" {
		info.Diff = boundedDiff(ctx, bin, dir, maxDiff)
	}
}

// boundedDiff returns `git diff HEAD` cut to max bytes (with
// TruncatedMarker appended when cut), or nil when it fails.
func boundedDiff(ctx context.Context, bin, dir string, max int) []byte {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "diff", "HEAD")
	cmd.Dir = dir
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil
	}
	if err := cmd.Start(); err != nil {
		return nil
	}
	buf, rerr := io.ReadAll(io.LimitReader(out, int64(max)+1))
	truncated := len(buf) > max
	if truncated {
		cancel() // stop git instead of reading the rest
	}
	werr := cmd.Wait()
	switch {
	case truncated:
		return append(buf[:max:max], TruncatedMarker...)
	case rerr != nil || werr != nil:
		return nil
	}
	return buf
}

// applyEnv lets the AZUREML_GIT_* variables override what git said.
func applyEnv(getenv func(string) string, info *Info) {
	over := func(dst *string, name string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	over(&info.RepositoryURI, EnvRepositoryURI)
	over(&info.Branch, EnvBranch)
	over(&info.Commit, EnvCommit)
	over(&info.BuildID, EnvBuildID)
	over(&info.BuildURI, EnvBuildURI)
	if v := strings.TrimSpace(getenv(EnvDirty)); v != "" {
		d := strings.EqualFold(v, "true") || v == "1"
		info.Dirty = &d
	}
}

func (i *Info) empty() bool {
	return i.RepositoryURI == "" && i.Branch == "" && i.Commit == "" &&
		i.Dirty == nil && i.BuildID == "" && i.BuildURI == ""
}

// mayBeInWorkTree reports whether git could find a repository for dir: a
// .git entry in dir or a parent, or GIT_DIR set (git's discovery then
// starts there). A false answer is certain; a true one is checked by git.
func mayBeInWorkTree(dir string) bool {
	if os.Getenv("GIT_DIR") != "" {
		return true
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return true
	}
	for {
		if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return true
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return false
		}
		abs = parent
	}
}
