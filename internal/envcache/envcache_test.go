package envcache_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/envcache"
	"github.com/azureml-go/azureml/internal/envcache/envcachetest"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/internal/testenv"
)

// helperEnv makes the test binary act as one racing process (see TestMain).
const helperEnv = "ENVCACHE_TEST_HELPER"

// TestMain lets a test re-run this binary as a separate process that
// ensures one environment and exits: "<store dir>|<cache dir>|<conda>|<packages>".
func TestMain(m *testing.M) {
	if arg := os.Getenv(helperEnv); arg != "" {
		os.Exit(helperMain(arg))
	}
	os.Exit(m.Run())
}

func helperMain(arg string) int {
	parts := strings.SplitN(arg, "|", 4)
	ctx := context.Background()
	st, err := store.Open(ctx, parts[0])
	if err == nil {
		c := envcache.New(parts[1], st.Lock, &envcache.Options{Command: parts[2]})
		_, err = c.Ensure(ctx, newSpec(parts[3]))
	}
	if err != nil {
		_, _ = os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	return 0
}

// spec is an environment file whose hash is the sha256 of its text.
type spec struct{ text string }

func newSpec(packages string) spec {
	return spec{text: "name: test\ndependencies:\n  - " + strings.ReplaceAll(packages, ",", "\n  - ") + "\n"}
}

func (s spec) Hash() string {
	h := sha256.Sum256([]byte(s.text))
	return hex.EncodeToString(h[:])
}

func (s spec) Save(path string) error { return os.WriteFile(path, []byte(s.text), 0o644) }

// fixture is a store, a cache folder and a conda stand-in.
type fixture struct {
	storeDir, cacheDir string
	stub               *envcachetest.Stub
	cache              *envcache.Cache
}

func newFixture(t *testing.T, sleep string) *fixture {
	t.Helper()
	py := testenv.LookPath(t, "python3")
	f := &fixture{storeDir: t.TempDir(), cacheDir: filepath.Join(t.TempDir(), "envs")}
	f.stub = envcachetest.Install(t, "conda", py, sleep)
	st, err := store.Open(t.Context(), f.storeDir)
	require.NoError(t, err)
	f.cache = envcache.New(f.cacheDir, st.Lock, &envcache.Options{Command: f.stub.Path})
	return f
}

func TestEnsureBuildsOnceThenReuses(t *testing.T) {
	f := newFixture(t, "0")
	s := newSpec("python=3.11,numpy")

	first, err := f.cache.Ensure(t.Context(), s)
	require.NoError(t, err)
	require.True(t, first.Built)
	require.Equal(t, f.stub.Path, first.Tool)
	second, err := f.cache.Ensure(t.Context(), s)
	require.NoError(t, err)
	require.False(t, second.Built)
	require.Equal(t, first.Prefix, second.Prefix)

	calls := f.stub.Calls(t)
	require.Len(t, calls, 1)
	require.Equal(t, "env create --prefix "+first.Prefix+" --file "+first.Prefix+".yml --quiet", calls[0])

	// The python of the environment really is the environment's.
	out, err := exec.Command(second.Python, "-c", "import sys; print(sys.prefix)").Output()
	require.NoError(t, err)
	require.Equal(t, first.Prefix, strings.TrimSpace(string(out)))
	link, err := os.Readlink(filepath.Join(f.cacheDir, s.Hash()))
	require.NoError(t, err)
	require.Equal(t, filepath.Join(".builds", filepath.Base(first.Prefix)), link)
}

func TestEnsureDifferentSpecsBuildSeparately(t *testing.T) {
	f := newFixture(t, "0")
	a, err := f.cache.Ensure(t.Context(), newSpec("python=3.11"))
	require.NoError(t, err)
	b, err := f.cache.Ensure(t.Context(), newSpec("python=3.10"))
	require.NoError(t, err)
	require.NotEqual(t, a.Prefix, b.Prefix)
	require.Len(t, f.stub.Calls(t), 2)
}

func TestEnsureFailedBuildIsNotReused(t *testing.T) {
	f := newFixture(t, "0")
	bad := newSpec("python=3.11," + envcachetest.FailPackage)

	_, err := f.cache.Ensure(t.Context(), bad)
	var be *envcache.BuildError
	require.ErrorAs(t, err, &be)
	require.Equal(t, bad.Hash(), be.Hash)
	require.Contains(t, err.Error(), "ResolvePackageNotFound")
	_, err = f.cache.Lookup(bad.Hash())
	require.ErrorIs(t, err, os.ErrNotExist)
	left, _ := filepath.Glob(filepath.Join(f.cacheDir, ".builds", bad.Hash()+"-*"))
	require.Len(t, left, 1, "only the environment file of the failed build stays: %v", left)

	// A second attempt runs conda again rather than reusing the partial prefix.
	_, err = f.cache.Ensure(t.Context(), bad)
	require.ErrorAs(t, err, &be)
	require.Len(t, f.stub.Calls(t), 2)
}

func TestEnsureInterruptedBuildIsNotReused(t *testing.T) {
	f := newFixture(t, "0")
	s := newSpec("python=3.11")
	// What a build killed mid-way leaves: a prefix with no link to it.
	partial := filepath.Join(f.cacheDir, ".builds", s.Hash()+"-deadbeef")
	require.NoError(t, os.MkdirAll(filepath.Join(partial, "bin"), 0o755))

	env, err := f.cache.Ensure(t.Context(), s)
	require.NoError(t, err)
	require.True(t, env.Built)
	require.NotEqual(t, partial, env.Prefix)
	require.NoDirExists(t, partial)
}

func TestEnsureRacingProcessesBuildOnce(t *testing.T) {
	f := newFixture(t, "0.5")
	arg := strings.Join([]string{f.storeDir, f.cacheDir, f.stub.Path, "python=3.11,scipy"}, "|")
	cmds := make([]*exec.Cmd, 3)
	outs := make([]strings.Builder, 3)
	for i := range cmds {
		cmds[i] = exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
		cmds[i].Env = append(os.Environ(), helperEnv+"="+arg)
		cmds[i].Stderr = &outs[i]
		require.NoError(t, cmds[i].Start())
	}
	for i, c := range cmds {
		require.NoError(t, c.Wait(), "process %d: %s", i, outs[i].String())
	}
	require.Len(t, f.stub.Calls(t), 1)
	env, err := f.cache.Lookup(newSpec("python=3.11,scipy").Hash())
	require.NoError(t, err)
	require.FileExists(t, env.Python)
}

func TestEnsureCanceledWhileWaitingForLock(t *testing.T) {
	f := newFixture(t, "0")
	st, err := store.Open(t.Context(), f.storeDir)
	require.NoError(t, err)
	s := newSpec("python=3.11")
	release, err := st.Lock(t.Context(), "envs/"+s.Hash())
	require.NoError(t, err)
	defer func() { _ = release() }()

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = f.cache.Ensure(ctx, s)
	require.ErrorIs(t, err, context.Canceled)
	require.Empty(t, f.stub.Calls(t))
}

func TestFindTool(t *testing.T) {
	py := testenv.LookPath(t, "python3")
	mamba := envcachetest.Install(t, "mamba", py, "0")
	micro := envcachetest.Install(t, "micromamba", py, "0")
	tests := []struct {
		name, path, command, want string
	}{
		{"mamba before micromamba", micro.Dir + string(os.PathListSeparator) + mamba.Dir, "", mamba.Path},
		{"micromamba alone", micro.Dir, "", micro.Path},
		{"configured name", mamba.Dir + string(os.PathListSeparator) + micro.Dir, "micromamba", micro.Path},
		{"configured path", "", mamba.Path, mamba.Path},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PATH", tt.path)
			got, err := envcache.FindTool(tt.command)
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestFindToolMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := envcache.FindTool("")
	var nt *envcache.NoToolError
	require.ErrorAs(t, err, &nt)
	require.Equal(t, []string{"conda", "mamba", "micromamba"}, nt.Looked)
	require.Contains(t, err.Error(), "user-managed")
}

func TestToolArgs(t *testing.T) {
	require.Equal(t, []string{"create", "--yes", "--prefix", "P", "--file", "F"},
		envcache.ToolArgs("/opt/bin/micromamba", "P", "F"))
	require.Equal(t, []string{"env", "create", "--prefix", "P", "--file", "F", "--quiet"},
		envcache.ToolArgs("mamba", "P", "F"))
}

func TestLookupRejectsBadHash(t *testing.T) {
	c := envcache.New(t.TempDir(), nil, nil)
	for _, h := range []string{"", "../x", "a/b", strings.Repeat("a", 129)} {
		_, err := c.Lookup(h)
		var he *envcache.HashError
		require.True(t, errors.As(err, &he), "hash %q: %v", h, err)
	}
}
