// Command filelist is the driver of bench/filelist.sh. It builds the
// benchmark tree and times commands; the walker itself is the snapshot
// ignore package's lsignore command (an internal package cannot be imported
// from here).
//
//	filelist gen DIR               write the 100,000-file tree into DIR
//	filelist time RUNS CMD ARG...  run CMD RUNS times, print the median ms
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "filelist:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	switch {
	case len(args) == 2 && args[0] == "gen":
		return generate(args[1])
	case len(args) >= 3 && args[0] == "time":
		runs, err := strconv.Atoi(args[1])
		if err != nil || runs < 1 {
			return fmt.Errorf("time: runs %q: want a positive integer", args[1])
		}
		ms, err := median(runs, args[2:])
		if err != nil {
			return err
		}
		fmt.Printf("%.2f\n", ms)
		return nil
	}
	return fmt.Errorf("usage: filelist gen DIR | filelist time RUNS CMD ARG")
}

// median runs argv runs times (output discarded) and returns the median wall
// time in milliseconds.
func median(runs int, argv []string) (float64, error) {
	times := make([]float64, 0, runs)
	for range runs {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return 0, fmt.Errorf("time: %s: %w", argv[0], err)
		}
		times = append(times, float64(time.Since(start).Microseconds())/1000)
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

// rootIgnore is the root .gitignore of the tree, a typical short one.
const rootIgnore = "node_modules/\n__pycache__/\n*.pyc\n*.log\n.venv/\ndist/\nbuild/\n*.egg-info/\n.DS_Store\n"

// nestedIgnore goes into every 40th source folder.
const nestedIgnore = "*.tmp\n!keep.log\n/local/\n"

// generate writes node_modules/ (800 packages x 100 files at realistic
// depth, all ignored) and src/ (2,000 folders x 10 files, 2,000 of them
// ignored, plus 50 nested .gitignore files) under dir.
func generate(dir string) error {
	w := &writer{}
	w.file(filepath.Join(dir, ".gitignore"), rootIgnore)
	for p := range 800 {
		pkg := filepath.Join(dir, "node_modules", fmt.Sprintf("pkg-%03d", p))
		w.file(filepath.Join(pkg, "package.json"), "{}")
		w.file(filepath.Join(pkg, "README.md"), "")
		for i := range 98 {
			sub := []string{"lib", "dist", filepath.Join("src", "core"), filepath.Join("lib", "util", "fp")}[i%4]
			w.file(filepath.Join(pkg, sub, fmt.Sprintf("m%02d.js", i)), "")
		}
	}
	n := 0
	for a := range 20 {
		for b := range 10 {
			for c := range 10 {
				leaf := filepath.Join(dir, "src", fmt.Sprintf("mod%02d", a), fmt.Sprintf("pkg%d", b), fmt.Sprintf("leaf%d", c))
				for i := range 7 {
					w.file(filepath.Join(leaf, fmt.Sprintf("f%d.py", i)), "")
				}
				w.file(filepath.Join(leaf, "data.json"), "")
				w.file(filepath.Join(leaf, "run.log"), "")
				w.file(filepath.Join(leaf, "__pycache__", "f0.cpython-311.pyc"), "")
				if n%40 == 0 {
					w.file(filepath.Join(leaf, ".gitignore"), nestedIgnore)
				}
				n++
			}
		}
	}
	return w.err
}

// writer creates files and their folders, keeping the first error.
type writer struct {
	err  error
	made map[string]bool
}

func (w *writer) file(path, content string) {
	if w.err != nil {
		return
	}
	if d := filepath.Dir(path); !w.made[d] {
		if w.err = os.MkdirAll(d, 0o755); w.err != nil {
			return
		}
		if w.made == nil {
			w.made = map[string]bool{}
		}
		w.made[d] = true
	}
	w.err = os.WriteFile(path, []byte(content), 0o644)
}
