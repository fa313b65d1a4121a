package ignore_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/azureml-go/azureml/snapshot/internal/ignore"
)

// writeTree creates files (name -> contents) under a new temporary folder.
func writeTree(files map[string]string) string {
	root, err := os.MkdirTemp("", "ignore-example-")
	if err != nil {
		panic(err)
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			panic(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			panic(err)
		}
	}
	return root
}

func ExampleWalk() {
	root := writeTree(map[string]string{
		".gitignore":            "node_modules/\n*.log\n",
		".amlignore":            "node_modules/\noutputs/\n",
		"train.py":              "",
		"train.log":             "",
		"outputs/model.pkl":     "",
		"node_modules/x/a.js":   "",
		"src/.gitignore":        "!debug.log\n",
		"src/debug.log":         "",
		"src/util.py":           "",
		"src/__pycache__/u.pyc": "",
	})
	defer os.RemoveAll(root)

	err := ignore.Walk(root, nil, func(rel string, _ fs.DirEntry) error {
		fmt.Println(rel)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// .amlignore
	// .gitignore
	// src/.gitignore
	// src/__pycache__/u.pyc
	// src/debug.log
	// src/util.py
	// train.log
	// train.py
}

func ExampleExplain() {
	root := writeTree(map[string]string{
		".gitignore":          "# dependencies\nnode_modules/\n*.log\n!keep.log\n",
		"node_modules/x/a.js": "",
		"keep.log":            "",
		"main.py":             "",
	})
	defer os.RemoveAll(root)

	for _, rel := range []string{"node_modules/x/a.js", "keep.log", "main.py"} {
		d, err := ignore.Explain(root, rel, &ignore.Options{Mode: ignore.ModeGit})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d)
	}
	// Output:
	// node_modules/x/a.js: excluded: folder node_modules matches .gitignore:2: node_modules/
	// keep.log: kept: matches .gitignore:4: !keep.log
	// main.py: kept: no pattern matches
}

func ExampleMatcher_Match() {
	m := ignore.ParseMatcher(".gitignore", []byte("build/\n*.o\n!keep.o\n/docs/**/*.tmp\n"))
	for _, q := range []struct {
		rel   string
		isDir bool
	}{{"build", true}, {"build", false}, {"src/a.o", false}, {"keep.o", false}, {"docs/a/b/c.tmp", false}, {"x/docs/c.tmp", false}} {
		p := m.Match(q.rel, q.isDir)
		switch {
		case p == nil:
			fmt.Printf("%s: no match\n", q.rel)
		case p.Negate:
			fmt.Printf("%s: kept by line %d %q\n", q.rel, p.Line, p.Text)
		default:
			fmt.Printf("%s: excluded by line %d %q\n", q.rel, p.Line, p.Text)
		}
	}
	// Output:
	// build: excluded by line 1 "build/"
	// build: no match
	// src/a.o: excluded by line 2 "*.o"
	// keep.o: kept by line 3 "!keep.o"
	// docs/a/b/c.tmp: excluded by line 4 "/docs/**/*.tmp"
	// x/docs/c.tmp: no match
}
