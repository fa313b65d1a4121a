package gitinfo_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/gitinfo"
	"github.com/azureml-go/azureml/internal/testenv"
)

// newRepo makes a git repository with one commit on branch main and an
// origin remote, and returns its folder.
func newRepo(t *testing.T) string {
	t.Helper()
	testenv.LookPath(t, "git")
	dir := t.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
	}
	run("init", "-q", "-b", "main")
	run("remote", "add", "origin", "https://example.com/team/repo.git")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "train.py"), []byte("print(1)\n"), 0o644))
	run("add", ".")
	run("commit", "-q", "-m", "first")
	return dir
}

func noEnv(string) string { return "" }

func TestInspectCleanRepo(t *testing.T) {
	dir := newRepo(t)
	info := gitinfo.Inspect(t.Context(), dir, &gitinfo.Options{Getenv: noEnv})
	require.NotNil(t, info)
	p := info.Properties()
	require.Equal(t, "https://example.com/team/repo.git", p[gitinfo.PropRepositoryURI])
	require.Equal(t, p[gitinfo.PropRepositoryURI], p[gitinfo.PropMLflowRepositoryURL])
	require.Equal(t, "main", p[gitinfo.PropBranch])
	require.Equal(t, "main", p[gitinfo.PropMLflowBranch])
	require.Len(t, p[gitinfo.PropCommit], 40)
	require.Equal(t, p[gitinfo.PropCommit], p[gitinfo.PropMLflowCommit])
	require.Equal(t, "False", p[gitinfo.PropDirty])
	require.Empty(t, info.Diff)
}

func TestInspectDirtyKeepsDiff(t *testing.T) {
	dir := newRepo(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "train.py"), []byte("print(2)\n"), 0o644))
	info := gitinfo.Inspect(t.Context(), dir, &gitinfo.Options{Getenv: noEnv})
	require.Equal(t, "True", info.Properties()[gitinfo.PropDirty])
	require.Contains(t, string(info.Diff), "+print(2)")
	require.NotContains(t, string(info.Diff), gitinfo.TruncatedMarker)
}

func TestInspectTruncatesDiff(t *testing.T) {
	dir := newRepo(t)
	big := strings.Repeat("x = 1\n", 10000)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "train.py"), []byte(big), 0o644))
	info := gitinfo.Inspect(t.Context(), dir, &gitinfo.Options{Getenv: noEnv, MaxDiff: 100})
	require.Len(t, info.Diff, 100+len(gitinfo.TruncatedMarker))
	require.True(t, strings.HasSuffix(string(info.Diff), gitinfo.TruncatedMarker))
}

func TestInspectEnvOverrides(t *testing.T) {
	dir := newRepo(t)
	env := map[string]string{
		gitinfo.EnvBranch: "release", gitinfo.EnvDirty: "1", gitinfo.EnvCommit: "abc",
		gitinfo.EnvBuildID: "42", gitinfo.EnvBuildURI: "https://ci.example.com/42",
		gitinfo.EnvRepositoryURI: "git@example.com:x/y.git",
	}
	info := gitinfo.Inspect(t.Context(), dir, &gitinfo.Options{Getenv: func(k string) string { return env[k] }})
	require.Equal(t, map[string]string{
		gitinfo.PropRepositoryURI: "git@example.com:x/y.git", gitinfo.PropMLflowRepositoryURL: "git@example.com:x/y.git",
		gitinfo.PropBranch: "release", gitinfo.PropMLflowBranch: "release",
		gitinfo.PropCommit: "abc", gitinfo.PropMLflowCommit: "abc",
		gitinfo.PropDirty: "True", gitinfo.PropBuildID: "42", gitinfo.PropBuildURI: "https://ci.example.com/42",
	}, info.Properties())
}

func TestInspectWithoutGit(t *testing.T) {
	cases := []struct {
		name string
		dir  string
		bin  string
	}{
		{"not a work tree", t.TempDir(), "git"},
		{"git absent", t.TempDir(), "no-such-git-binary"},
		{"folder missing", filepath.Join(t.TempDir(), "gone"), "git"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Nil(t, gitinfo.Inspect(t.Context(), c.dir, &gitinfo.Options{Git: c.bin, Getenv: noEnv}))
			env := func(k string) string {
				if k == gitinfo.EnvDirty {
					return "false"
				}
				return ""
			}
			info := gitinfo.Inspect(t.Context(), c.dir, &gitinfo.Options{Git: c.bin, Getenv: env})
			require.Equal(t, map[string]string{gitinfo.PropDirty: "False"}, info.Properties())
		})
	}
}

// TestInspectStartsGitOnlyNearARepository checks that git runs only when a
// .git entry in the folder or a parent (or GIT_DIR) says it may find a
// repository, with a stand-in git that records its calls.
func TestInspectStartsGitOnlyNearARepository(t *testing.T) {
	cases := []struct {
		name    string
		dotGit  string // where to create .git, relative to the root
		gitDir  string
		wantRun bool
	}{
		{"no repository above", "", "", false},
		{"dot git in a parent", ".git", "", true},
		{"dot git file in the folder", "src/.git", "", true},
		{"GIT_DIR set", "", "/elsewhere/.git", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			src := filepath.Join(root, "src")
			require.NoError(t, os.MkdirAll(src, 0o755))
			if c.dotGit != "" {
				require.NoError(t, os.WriteFile(filepath.Join(root, c.dotGit), nil, 0o644))
			}
			t.Setenv("GIT_DIR", c.gitDir)
			calls := filepath.Join(root, "calls")
			stand := filepath.Join(root, "git")
			script := "#!/bin/sh\necho \"$*\" >> " + calls + "\nexit 128\n"
			require.NoError(t, os.WriteFile(stand, []byte(script), 0o755))
			require.Nil(t, gitinfo.Inspect(t.Context(), src, &gitinfo.Options{Git: stand, Getenv: noEnv}))
			got, err := os.ReadFile(calls)
			if !c.wantRun {
				require.ErrorIs(t, err, os.ErrNotExist, "git must not run")
				return
			}
			require.NoError(t, err)
			require.Equal(t, "rev-parse --is-inside-work-tree\n", string(got))
		})
	}
}
