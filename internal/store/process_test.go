package store_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/store"
)

// TestCrashSafety SIGKILLs a process rewriting records at random moments:
// every record must then hold a complete value at least as new as before
// the round, and the next Open must remove the dead writer's temp files.
func TestCrashSafety(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(t.Context(), dir)
	require.NoError(t, err)
	last := map[string]int{}
	for round := range 10 {
		cmd := startHelper(t, "writer", dir, 0)
		time.Sleep(time.Duration(5+rand.IntN(60)) * time.Millisecond)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		var exit *exec.ExitError
		require.ErrorAs(t, cmd.Wait(), &exit)
		require.Equal(t, -1, exit.ExitCode(), "round %d: the writer must die of SIGKILL, not exit", round)

		_, err := store.Open(t.Context(), dir)
		require.NoError(t, err)
		tmp, err := os.ReadDir(filepath.Join(dir, "tmp"))
		require.NoError(t, err)
		require.Empty(t, tmp, "round %d: Open must remove the dead writer's temp files", round)
		for _, key := range crashKeys {
			var v crashValue
			err := s.ReadJSON(t.Context(), key, &v)
			if errors.Is(err, store.ErrNotFound) && last[key] == 0 {
				continue
			}
			require.NoError(t, err, "round %d key %s", round, key)
			require.Equal(t, newCrashValue(v.Seq), v, "round %d key %s: torn value", round, key)
			require.GreaterOrEqual(t, v.Seq, last[key], "round %d key %s went back", round, key)
			last[key] = v.Seq
		}
	}
	require.Positive(t, last[crashKeys[0]], "the writer never wrote a record: the test proved nothing")
}

// TestUpdateAcrossProcesses increments one counter from several processes
// and goroutines at once: no increment may be lost.
func TestUpdateAcrossProcesses(t *testing.T) {
	const procs, goroutines, each = 3, 2, 40
	dir := t.TempDir()
	s, err := store.Open(t.Context(), dir)
	require.NoError(t, err)

	cmds := make([]*exec.Cmd, procs)
	for i := range cmds {
		cmds[i] = startHelper(t, "counter", dir, each)
	}
	var wg sync.WaitGroup
	errs := make([]error, goroutines)
	for i := range goroutines {
		wg.Go(func() { errs[i] = increment(t.Context(), s, each) })
	}
	wg.Wait()
	for _, cmd := range cmds {
		require.NoError(t, cmd.Wait())
	}
	require.NoError(t, errors.Join(errs...))

	var c counter
	require.NoError(t, s.ReadJSON(t.Context(), "counter", &c))
	require.Equal(t, (procs+goroutines)*each, c.N)
}

// TestOpenConcurrently opens one new folder from goroutines and from other
// processes at the same time: all must succeed with the same layout.
func TestOpenConcurrently(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	cmds := []*exec.Cmd{}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { _, errs[i] = store.Open(t.Context(), dir) })
	}
	for range 2 {
		cmds = append(cmds, startHelper(t, "open", dir, 0))
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
	for _, cmd := range cmds {
		require.NoError(t, cmd.Wait())
	}
	data, err := os.ReadFile(filepath.Join(dir, "format.json"))
	require.NoError(t, err)
	require.JSONEq(t, `{"format":1}`, string(data))
}
