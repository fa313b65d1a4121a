// Command snapshot prints the files a snapshot of a folder would contain.
//
// Usage:
//
//	go run ./examples/snapshot [DIR]
//
// It prints one slash-separated relative path per line, sorted, on stdout,
// then a one-line summary (files, bytes, snapshot id) on stderr. DIR defaults
// to the current folder. Ignore rules come from .amlignore and .gitignore
// files, as for a real run; the limits are the service's defaults.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/azureml-go/azureml/snapshot"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir := "."
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "usage: snapshot [DIR]")
		os.Exit(2)
	}
	if len(os.Args) == 2 {
		dir = os.Args[1]
	}
	if err := run(ctx, dir, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run snapshots dir and prints its file list to out and a summary to errOut.
func run(ctx context.Context, dir string, out, errOut io.Writer) error {
	m, err := snapshot.Take(ctx, dir, nil)
	if err != nil {
		return err
	}
	for _, e := range m.Entries {
		if _, err := fmt.Fprintln(out, e.Path); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(errOut, "%d files, %d bytes, snapshot %s\n", m.Stats.Files, m.Stats.Bytes, m.ID())
	return err
}
