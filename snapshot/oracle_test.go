package snapshot_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/snapshot"
)

// TestFileListMatchesGit compares the snapshot's file list with git's (the
// ignore-oracle tool runs `git ls-files --others --exclude-standard`) on
// generated trees full of tricky ignore files and names.
func TestFileListMatchesGit(t *testing.T) {
	testenv.LookPath(t, "git")
	gen := testenv.SharedTool(t, "ignore-oracle/gen-case")
	oracle := testenv.SharedTool(t, "ignore-oracle/oracle")
	modes := map[string]snapshot.IgnoreRules{"aml": snapshot.IgnoreRulesAML, "git": snapshot.IgnoreRulesGit}
	for _, profile := range []string{"common", "tricky"} {
		for seed := 1; seed <= 4; seed++ {
			dir := filepath.Join(t.TempDir(), "case")
			out, err := exec.CommandContext(t.Context(), gen, fmt.Sprint(seed), dir, "--profile", profile).CombinedOutput()
			require.NoError(t, err, string(out))
			for mode, rules := range modes {
				t.Run(fmt.Sprintf("%s-%d-%s", profile, seed, mode), func(t *testing.T) {
					want, err := exec.CommandContext(t.Context(), oracle, dir, "--mode", mode, "-z").Output()
					require.NoError(t, err)
					m, err := snapshot.Take(t.Context(), dir, &snapshot.Options{Ignore: rules, AllowExternalSymlinks: true,
						DisableStatCache: true, MaxBytes: snapshot.NoLimit, MaxFiles: snapshot.NoLimit})
					require.NoError(t, err)
					require.Equal(t, splitNUL(want), paths(m))
				})
			}
		}
	}
}

// splitNUL splits NUL-terminated names, sorted bytewise as git sorts them.
func splitNUL(b []byte) []string {
	b = bytes.TrimSuffix(b, []byte{0})
	if len(b) == 0 {
		return []string{}
	}
	return strings.Split(string(b), "\x00")
}
