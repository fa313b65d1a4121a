package ignore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/testenv"
)

// oracleBatch materializes cases and asks the oracle (git) about each, in
// one python process per worker instead of two per case. Each stdin line is
// "ID<TAB>KIND<TAB>ARG<TAB>MODES": KIND is a gen-case profile (ARG the seed)
// or a fixed_cases set (every case of it, ARG ignored). For each case it
// writes ID/tree, ID/name and ID/MODE.txt (NUL-separated paths).
const oracleBatch = `
import os, sys
sys.path.insert(0, sys.argv[1])
import ignorecase, oracle_lib, fixed_cases
out = sys.argv[2]
def run(cid, spec, modes):
    d = os.path.join(out, cid)
    ignorecase.materialize(spec, os.path.join(d, "tree"))
    with open(os.path.join(d, "name"), "w") as fh:
        fh.write(spec.get("name", cid))
    for m in modes:
        paths = oracle_lib.oracle(os.path.join(d, "tree"), m)
        with open(os.path.join(d, m + ".txt"), "wb") as fh:
            fh.write(b"".join(os.fsencode(p) + b"\0" for p in paths))
for line in sys.stdin:
    cid, kind, arg, modes = line.rstrip("\n").split("\t")
    modes = modes.split(",")
    if kind in ("scenarios", "repros"):
        for i, spec in enumerate(getattr(fixed_cases, kind)()):
            run("%s-%03d" % (cid, i), spec, modes)
    else:
        run(cid, ignorecase.generate(int(arg), kind), modes)
`

// newerGitKeeps lists, per fixed case, the files that git >= 2.52 keeps and
// the oracle's older git excludes ("foo**/bar" no longer matches "foobar").
var newerGitKeeps = map[string][]string{
	"t0008-starstar-prefix": {"foobar"},
	"R27 'foo**/bar' (git 2.39 ignores foobar; 2.52+ does not)": {"foobar"},
}

// oracleJobs is the case list: 350 random trees (200 tricky, 150 common), a
// third of them in both modes, plus git's t0008/t3001 scenarios and the
// R01-R29 reproducers.
func oracleJobs() []string {
	var jobs []string
	for seed := 1; seed <= 200; seed++ {
		jobs = append(jobs, fmt.Sprintf("tricky-%03d\ttricky\t%d\t%s", seed, seed, modesFor(seed, 100)))
	}
	for seed := 1; seed <= 150; seed++ {
		jobs = append(jobs, fmt.Sprintf("common-%03d\tcommon\t%d\t%s", seed, seed, modesFor(seed, 50)))
	}
	return append(jobs, "scenarios\tscenarios\t-\taml,git", "repros\trepros\t-\taml")
}

func modesFor(seed, gitUpTo int) string {
	if seed <= gitUpTo {
		return "aml,git"
	}
	return "aml"
}

// TestAgreesWithGitOracle compares Walk with git itself on every case. The
// oracle's answers are cached in the user cache folder, keyed by the oracle's
// sources, the git version and the case list, so only the first run pays
// for git.
func TestAgreesWithGitOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: -short")
	}
	git := testenv.LookPath(t, "git")
	python := testenv.LookPath(t, "python3")
	oracle, err := filepath.EvalSymlinks(testenv.SharedTool(t, "ignore-oracle/oracle"))
	require.NoError(t, err)
	cases := oracleCases(t, python, git, filepath.Dir(oracle))
	require.GreaterOrEqual(t, len(cases), 350+40+29)
	modes := map[string]Mode{"aml": ModeAML, "git": ModeGit}
	compared := 0
	for _, dir := range cases {
		name, err := os.ReadFile(filepath.Join(dir, "name"))
		require.NoError(t, err)
		for modeName, mode := range modes {
			raw, err := os.ReadFile(filepath.Join(dir, modeName+".txt"))
			if os.IsNotExist(err) {
				continue
			}
			require.NoError(t, err)
			want := splitNUL(raw)
			if extra := newerGitKeeps[string(name)]; extra != nil {
				want = slices.Compact(slices.Sorted(slices.Values(append(want, extra...))))
			}
			got := list(t, filepath.Join(dir, "tree"), mode)
			require.Equal(t, want, got, "case %s (%s), mode %s; reproduce with gen-case / difftest minimize",
				filepath.Base(dir), name, modeName)
			compared++
		}
	}
	t.Logf("%d comparisons with git agree", compared)
}

func splitNUL(b []byte) []string {
	out := []string{}
	for _, p := range bytes.Split(b, []byte{0}) {
		if len(p) > 0 {
			out = append(out, string(p))
		}
	}
	return out
}

// oracleCases returns the case folders, building them (with two python
// workers) unless a complete cached set exists.
func oracleCases(t *testing.T, python, git, toolDir string) []string {
	t.Helper()
	jobs := oracleJobs()
	dir := cacheDir(t, git, toolDir, jobs)
	if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
		tmp, err := os.MkdirTemp(filepath.Dir(dir), "build-")
		require.NoError(t, err)
		defer os.RemoveAll(tmp)
		runOracleBatch(t, python, toolDir, tmp, jobs)
		require.NoError(t, os.WriteFile(filepath.Join(tmp, "complete"), nil, 0o644))
		if err := os.Rename(tmp, dir); err != nil {
			_, statErr := os.Stat(filepath.Join(dir, "complete"))
			require.NoError(t, statErr, "cache %s: %v", dir, err) // a parallel run won the race
		}
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var cases []string
	for _, e := range entries {
		if e.IsDir() {
			cases = append(cases, filepath.Join(dir, e.Name()))
		}
	}
	return cases
}

// cacheDir names the cache folder for this oracle, git and case list.
func cacheDir(t *testing.T, git, toolDir string, jobs []string) string {
	t.Helper()
	h := sha256.New()
	for _, f := range []string{"oracle_lib.py", "ignorecase.py", "fixed_cases.py"} {
		b, err := os.ReadFile(filepath.Join(toolDir, f))
		require.NoError(t, err)
		h.Write(b)
	}
	ver, err := exec.CommandContext(t.Context(), git, "--version").Output()
	require.NoError(t, err)
	h.Write(ver)
	h.Write([]byte(oracleBatch + strings.Join(jobs, "\n")))
	base, err := os.UserCacheDir()
	if err != nil {
		base = t.TempDir()
	}
	parent := filepath.Join(base, "azureml-go", "ignore-oracle")
	require.NoError(t, os.MkdirAll(parent, 0o755))
	return filepath.Join(parent, hex.EncodeToString(h.Sum(nil))[:20])
}

// runOracleBatch runs the jobs on two python workers.
func runOracleBatch(t *testing.T, python, toolDir, out string, jobs []string) {
	t.Helper()
	const workers = 2
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		var in strings.Builder
		for i := w; i < len(jobs); i += workers {
			in.WriteString(jobs[i] + "\n")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.CommandContext(t.Context(), python, "-c", oracleBatch, toolDir, out)
			cmd.Stdin = strings.NewReader(in.String())
			if b, err := cmd.CombinedOutput(); err != nil {
				errs[w] = fmt.Errorf("oracle batch %d: %w: %s", w, err, b)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
}
