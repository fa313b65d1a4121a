//go:build linux

package runfolder

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestInotifyWakerWakes checks that each kind of change Follow and Wait
// rely on wakes the waker: a file created, appended to, and renamed into a
// watched folder; and that a folder that cannot be watched is an error.
func TestInotifyWakerWakes(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "log")
	require.NoError(t, os.WriteFile(log, nil, 0o644))
	changes := []struct {
		name   string
		change func() error
	}{
		{"create", func() error { return os.WriteFile(filepath.Join(dir, "new"), nil, 0o644) }},
		{"append", func() error {
			f, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				return err
			}
			_, err = f.WriteString("line\n")
			return errors.Join(err, f.Close())
		}},
		{"rename", func() error {
			tmp := filepath.Join(t.TempDir(), "status.tmp")
			if err := os.WriteFile(tmp, []byte("{}"), 0o644); err != nil {
				return err
			}
			return os.Rename(tmp, filepath.Join(dir, "status.json"))
		}},
	}
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			w, err := LocalFS{}.watch(dir)
			require.NoError(t, err)
			defer w.Close()
			select {
			case <-w.C():
				t.Fatal("woke before any change")
			case <-time.After(20 * time.Millisecond):
			}
			require.NoError(t, c.change())
			select {
			case <-w.C():
			case <-time.After(5 * time.Second):
				t.Fatal("no wake-up within 5 s")
			}
		})
	}
	_, err := LocalFS{}.watch(filepath.Join(dir, "missing"))
	require.ErrorIs(t, err, os.ErrNotExist)
}
