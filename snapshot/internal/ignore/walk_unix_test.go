//go:build unix

package ignore

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWalkSkipsGitAndSpecialFiles(t *testing.T) {
	root := tree{
		files:    files(nil, ".git/config", "sub/.git", "sub/x", "keep"),
		symlinks: map[string]string{"dangling": "nowhere", "dirlink": "sub"},
		dirs:     []string{"empty/inner"},
	}.build(t)
	require.NoError(t, syscall.Mkfifo(filepath.Join(root, "fifo"), 0o644))
	got := list(t, root, ModeAML)
	require.Equal(t, []string{"dangling", "dirlink", "keep", "sub/x"}, got)
}
