//go:build linux

package ignore

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRootLstat(t *testing.T) {
	root := tree{
		files:    files(nil, "top.txt", "a/b/deep"),
		symlinks: map[string]string{"a/link": "../top.txt"},
	}.build(t)
	r, err := OpenRoot(root)
	require.NoError(t, err)
	defer func() { require.NoError(t, r.Close()) }()
	var buf []byte
	for _, rel := range []string{"top.txt", "a/b/deep", "a/link", "a"} {
		var st FileStat
		buf, err = r.Lstat(rel, &st, buf)
		require.NoError(t, err, rel)
		want, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
		require.NoError(t, err)
		sys := want.Sys().(*syscall.Stat_t)
		require.Equal(t, FileStat{Mode: want.Mode(), Size: want.Size(), MTime: want.ModTime().UnixNano(),
			CTime: sys.Ctim.Nano(), Ino: sys.Ino}, st, rel)
	}
	var st FileStat
	_, err = r.Lstat("a/missing", &st, buf)
	require.ErrorIs(t, err, fs.ErrNotExist)
	var pe *fs.PathError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, root+"/a/missing", pe.Path)
	_, err = OpenRoot(filepath.Join(root, "top.txt"))
	require.ErrorIs(t, err, syscall.ENOTDIR)
}
