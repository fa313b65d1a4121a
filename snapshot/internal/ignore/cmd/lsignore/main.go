// Command lsignore prints, one per line and sorted, the files that the
// snapshot ignore rules keep under a folder. It is the walker that the
// ignore oracle's difftest compares with git:
//
//	difftest run --walker ours='go run ./snapshot/internal/ignore/cmd/lsignore {dir}'
//
// Usage: lsignore [-mode aml|git] DIR
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/azureml-go/azureml/snapshot/internal/ignore"
)

func main() {
	mode := flag.String("mode", "aml", "aml: a folder's .amlignore replaces its .gitignore; git: plain git")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: lsignore [-mode aml|git] DIR")
		os.Exit(2)
	}
	opts := &ignore.Options{Mode: ignore.ModeAML}
	switch *mode {
	case "aml":
	case "git":
		opts.Mode = ignore.ModeGit
	default:
		fmt.Fprintf(os.Stderr, "lsignore: unknown mode %q\n", *mode)
		os.Exit(2)
	}
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	err := ignore.Walk(flag.Arg(0), opts, func(rel string, _ fs.DirEntry) error {
		_, _ = out.WriteString(rel) // a write error sticks and WriteByte returns it
		return out.WriteByte('\n')
	})
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
