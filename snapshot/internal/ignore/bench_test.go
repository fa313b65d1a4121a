package ignore

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// benchTree writes a scaled-down copy of bench/filelist.sh's tree: an
// ignored node_modules with nPkg packages of 100 files and nLeaf source
// folders of 10 files, 2 of them ignored, with nested .gitignore files.
func benchTree(b *testing.B, nPkg, nLeaf int) string {
	b.Helper()
	root := b.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		require.NoError(b, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(b, os.WriteFile(p, []byte(body), 0o644))
	}
	write(".gitignore", "node_modules/\n__pycache__/\n*.pyc\n*.log\n.venv/\ndist/\nbuild/\n*.egg-info/\n.DS_Store\n")
	for p := range nPkg {
		for i := range 100 {
			write(fmt.Sprintf("node_modules/pkg%d/lib/d%d/m%d.js", p, i%4, i), "")
		}
	}
	for l := range nLeaf {
		dir := fmt.Sprintf("src/m%d/p%d/l%d", l/100, l/10%10, l%10)
		for i := range 8 {
			write(fmt.Sprintf("%s/f%d.py", dir, i), "")
		}
		write(dir+"/run.log", "")
		write(dir+"/__pycache__/f.pyc", "")
		if l%40 == 0 {
			write(dir+"/.gitignore", "*.tmp\n!keep.log\n/local/\n")
		}
	}
	return root
}

// BenchmarkWalk lists a 30,000-file tree whose node_modules (20,000 files)
// is ignored; bench/filelist.sh compares the full-size case with git.
func BenchmarkWalk(b *testing.B) {
	root := benchTree(b, 200, 1000)
	for _, workers := range []int{0, prefetchWorkers} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			n := 0
			for b.Loop() {
				n = 0
				w := newWalker(root, nil, func(string, fs.DirEntry) error { n++; return nil })
				w.workers = workers
				require.NoError(b, w.run())
			}
			require.Equal(b, 1+1000*8+25, n)
		})
	}
}

// BenchmarkMatch measures one decision against a realistic root file.
func BenchmarkMatch(b *testing.B) {
	m := ParseMatcher(".gitignore", []byte("node_modules/\n__pycache__/\n*.pyc\n*.log\n.venv/\ndist/\nbuild/\n*.egg-info/\n.DS_Store\n/docs/**/*.tmp\n"))
	b.ReportAllocs()
	for b.Loop() {
		if m.Match("src/pkg/module/file.py", false) != nil {
			b.Fatal("unexpected match")
		}
	}
}
