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

func TestWalkStatAgreesWithLstat(t *testing.T) {
	root := tree{
		files:    files(map[string]string{".gitignore": "*.o\n"}, "top.txt", "a/b/deep", "a/x.o"),
		symlinks: map[string]string{"a/link": "../top.txt"},
	}.build(t)
	require.NoError(t, os.Chmod(filepath.Join(root, "a", "b", "deep"), 0o4755))
	for _, raw := range []bool{false, true} {
		w := newWalker(root, &Options{Stat: true}, nil)
		w.fsys.raw = raw
		var got []string
		w.fn = func(rel string, d fs.DirEntry) error {
			got = append(got, rel)
			fi, err := d.Info()
			require.NoError(t, err)
			want, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
			require.NoError(t, err)
			require.Equal(t, want.Name(), fi.Name(), rel)
			require.Equal(t, want.Mode(), fi.Mode(), rel)
			require.Equal(t, want.Size(), fi.Size(), rel)
			require.True(t, want.ModTime().Equal(fi.ModTime()), rel)
			require.Equal(t, want.IsDir(), fi.IsDir(), rel)
			sys := want.Sys().(*syscall.Stat_t)
			st, ok := fi.Sys().(*FileStat)
			require.True(t, ok, rel)
			require.Equal(t, FileStat{Mode: want.Mode(), Size: want.Size(), MTime: want.ModTime().UnixNano(),
				CTime: sys.Ctim.Nano(), Ino: sys.Ino}, *st, rel)
			return nil
		}
		require.NoError(t, w.run())
		require.Equal(t, []string{".gitignore", "a/b/deep", "a/link", "top.txt"}, got, "raw=%v", raw)
	}
}

func TestStatFilesRecordsErrors(t *testing.T) {
	root := t.TempDir()
	f, err := openFolder(root)
	require.NoError(t, err)
	defer f.close()
	ents := []dirent{{dir: root, name: "gone"}, {dir: root, name: "sub", typ: fs.ModeDir}}
	f.statFiles(ents, true, nil)
	require.False(t, ents[1].stated, "folders are not stat'ed")
	_, err = ents[0].Info()
	require.ErrorIs(t, err, fs.ErrNotExist)
	var pe *fs.PathError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "lstat", pe.Op)
	require.Equal(t, filepath.Join(root, "gone"), pe.Path)
}

func TestIsLocalFS(t *testing.T) {
	require.False(t, isLocalFS(filepath.Join(t.TempDir(), "missing")))
	require.False(t, isLocalFS("/proc"), "procfs is not in the list")
}
