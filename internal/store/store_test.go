package store_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/store"
)

func TestOpenCreatesLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	s, err := store.Open(t.Context(), dir)
	require.NoError(t, err)
	require.Equal(t, dir, s.Dir())
	for _, sub := range []string{"records", "objects", "locks", "tmp"} {
		fi, err := os.Stat(filepath.Join(dir, sub))
		require.NoError(t, err, sub)
		require.True(t, fi.IsDir(), sub)
	}
	data, err := os.ReadFile(filepath.Join(dir, "format.json"))
	require.NoError(t, err)
	require.JSONEq(t, fmt.Sprintf(`{"format":%d}`, store.FormatVersion), string(data))

	require.NoError(t, s.WriteJSON(t.Context(), "k", 1))
	again, err := store.Open(t.Context(), dir)
	require.NoError(t, err, "Open must be idempotent")
	var v int
	require.NoError(t, again.ReadJSON(t.Context(), "k", &v))
	require.Equal(t, 1, v)
}

func TestOpenRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
	}{
		{"foreign non-empty folder", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644))
		}},
		{"newer format", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "format.json"), []byte(`{"format":99}`), 0o644))
		}},
		{"garbled format file", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "format.json"), []byte(`{"format":`), 0o644))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			_, err := store.Open(t.Context(), dir)
			var fe *store.FormatError
			require.ErrorAs(t, err, &fe)
			require.Contains(t, err.Error(), "store: ")
			_, err = os.Stat(filepath.Join(dir, "records"))
			require.ErrorIs(t, err, os.ErrNotExist, "a refused folder must be left untouched")
		})
	}
}

// deadPID returns the id of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	require.NoError(t, cmd.Run())
	return cmd.Process.Pid
}

func TestOpenCleansOnlyDeadWritersTemps(t *testing.T) {
	dir := t.TempDir()
	_, err := store.Open(t.Context(), dir)
	require.NoError(t, err)
	tmp := filepath.Join(dir, "tmp")
	dead := filepath.Join(tmp, fmt.Sprintf("%d-123.tmp", deadPID(t)))
	alive := filepath.Join(tmp, fmt.Sprintf("%d-456.tmp", os.Getppid()))
	stray := filepath.Join(tmp, "stray")
	deadFormat := filepath.Join(dir, fmt.Sprintf(".format-%d-789", deadPID(t)))
	for _, p := range []string{dead, alive, stray, deadFormat} {
		require.NoError(t, os.WriteFile(p, []byte("partial"), 0o644))
	}
	_, err = store.Open(t.Context(), dir)
	require.NoError(t, err)
	for _, p := range []string{dead, stray, deadFormat} {
		require.NoFileExists(t, p)
	}
	require.FileExists(t, alive, "a live writer's temp file must survive Open")
}

func TestReadCorruptRecord(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(t.Context(), dir)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "records", "runs"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "records", "runs", "r1.json"), []byte(`{"a":`), 0o644))
	var v map[string]any
	err = s.ReadJSON(t.Context(), "runs/r1", &v)
	var ce *store.CorruptError
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "runs/r1", ce.Key)
	var se *json.SyntaxError
	require.ErrorAs(t, err, &se)
}
