package ignore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWalkOrderIsByteOrderOfPaths(t *testing.T) {
	root := tree{files: files(nil, "a/b", "a.txt", "a-b", "a0", "B", "b/c/d", "b.c")}.build(t)
	want := []string{"B", "a-b", "a.txt", "a/b", "a0", "b.c", "b/c/d"}
	for _, workers := range []int{0, 1, prefetchWorkers} {
		var got []string
		w := newWalker(root, nil, func(rel string, _ fs.DirEntry) error {
			got = append(got, rel)
			return nil
		})
		w.workers = workers
		require.NoError(t, w.run())
		require.Equal(t, want, got, "workers=%d", workers)
	}
}

func TestWalkReportsSymlinksAsEntries(t *testing.T) {
	root := tree{files: files(nil, "d/x"), symlinks: map[string]string{"l": "d"}}.build(t)
	types := map[string]fs.FileMode{}
	require.NoError(t, Walk(root, nil, func(rel string, d fs.DirEntry) error {
		types[rel] = d.Type()
		info, err := d.Info()
		require.NoError(t, err)
		require.Equal(t, d.Type(), info.Mode().Type(), rel)
		require.Equal(t, filepath.Base(rel), info.Name())
		return nil
	}))
	require.Equal(t, map[string]fs.FileMode{"d/x": 0, "l": fs.ModeSymlink}, types)
}

func TestWalkModes(t *testing.T) {
	root := tree{files: files(map[string]string{
		".gitignore":     "*.log\n",
		".amlignore":     "*.tmp\n",
		"sub/.amlignore": "!*.tmp\n*.log\n",
		"sub/.gitignore": "*.py\n",
	}, "a.log", "a.tmp", "sub/b.log", "sub/b.tmp", "sub/b.py")}.build(t)
	require.Equal(t, []string{".amlignore", ".gitignore", "a.log", "sub/.amlignore", "sub/.gitignore", "sub/b.py", "sub/b.tmp"},
		list(t, root, ModeAML))
	require.Equal(t, []string{".amlignore", ".gitignore", "a.tmp", "sub/.amlignore", "sub/.gitignore", "sub/b.tmp"},
		list(t, root, ModeGit))
}

func TestWalkIgnoreFileMustBeRegular(t *testing.T) {
	root := tree{
		files:    files(map[string]string{"rules": "*.log\n", "sub/.gitignore": "!*.py\n"}, "a.log", "sub/b.py"),
		symlinks: map[string]string{".gitignore": "rules", "sub/.amlignore": "../rules"},
	}.build(t)
	// The root's .gitignore and sub's .amlignore are symlinks: neither is read.
	require.Equal(t, []string{".gitignore", "a.log", "rules", "sub/.amlignore", "sub/.gitignore", "sub/b.py"},
		list(t, root, ModeAML))
}

func TestWalkIgnoresHugeIgnoreFile(t *testing.T) {
	root := tree{files: files(map[string]string{"sub/.gitignore": "*\n"}, "sub/x", "y")}.build(t)
	require.NoError(t, os.Truncate(filepath.Join(root, "sub/.gitignore"), maxIgnoreFileSize))
	require.Equal(t, []string{"sub/.gitignore", "sub/x", "y"}, list(t, root, ModeAML))
	require.NoError(t, os.Truncate(filepath.Join(root, "sub/.gitignore"), maxIgnoreFileSize-1))
	require.Equal(t, []string{"y"}, list(t, root, ModeAML))
}

// TestWalkNeverReadsExcludedFolders counts every folder read: an excluded
// folder (and everything below it) must never be listed, whatever the
// negations deeper down say.
func TestWalkNeverReadsExcludedFolders(t *testing.T) {
	root := tree{files: files(map[string]string{
		".gitignore":                  "node_modules/\nbuild\n/out/*\n",
		"node_modules/.gitignore":     "!*\n",
		"src/build/.gitignore":        "!*\n",
		"out/keep/.gitignore":         "!*\n",
		"node_modules/pkg/.amlignore": "!*\n",
	}, "node_modules/pkg/index.js", "src/a.py", "src/build/x.o", "out/keep/y", "out/z")}.build(t)
	var mu sync.Mutex
	read := map[string]int{}
	var got []string
	w := newWalker(root, nil, func(rel string, _ fs.DirEntry) error {
		got = append(got, rel)
		return nil
	})
	w.fsys.onRead = func(rel string) {
		mu.Lock()
		defer mu.Unlock()
		read[rel]++
	}
	require.NoError(t, w.run())
	require.Equal(t, []string{".gitignore", "src/a.py"}, got)
	require.Equal(t, map[string]int{"": 1, "out": 1, "src": 1}, read)
}

func TestWalkStopsOnCallbackError(t *testing.T) {
	root := tree{files: files(nil, "a", "b/c", "d")}.build(t)
	boom := errors.New("boom")
	var seen []string
	err := Walk(root, nil, func(rel string, _ fs.DirEntry) error {
		seen = append(seen, rel)
		if rel == "b/c" {
			return boom
		}
		return nil
	})
	require.ErrorIs(t, err, boom)
	require.Equal(t, []string{"a", "b/c"}, seen)

	seen = nil
	err = Walk(root, nil, func(rel string, _ fs.DirEntry) error {
		seen = append(seen, rel)
		return fs.SkipAll
	})
	require.NoError(t, err)
	require.Equal(t, []string{"a"}, seen)
}

func TestWalkErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	err := Walk(missing, nil, func(string, fs.DirEntry) error { return nil })
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "read dir", e.Op)
	require.Equal(t, ".", e.Path)
	require.ErrorIs(t, err, fs.ErrNotExist)
	require.Contains(t, err.Error(), "ignore: read dir \".\"")

	root := tree{files: files(nil, "f")}.build(t)
	err = Walk(filepath.Join(root, "f"), nil, func(string, fs.DirEntry) error { return nil })
	require.ErrorAs(t, err, &e)
	require.ErrorIs(t, err, syscall.ENOTDIR)
}

func TestWalkRejectsUnknownMode(t *testing.T) {
	root := tree{files: files(nil, "a")}.build(t)
	err := Walk(root, &Options{Mode: 7}, func(string, fs.DirEntry) error { return nil })
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "options", e.Op)
	require.EqualError(t, err, `ignore: options "Mode": unknown mode 7`)
	_, err = Explain(root, "a", &Options{Mode: -1})
	require.ErrorAs(t, err, &e)
	require.Equal(t, "git", ModeGit.String())
	require.Equal(t, "aml", ModeAML.String())
	require.Equal(t, "Mode(7)", Mode(7).String())
}
