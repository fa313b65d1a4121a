// Command snapshotbench is the Go side of bench/snapshot.sh: it generates
// benchmark trees and takes snapshots of them, so the script can time it
// against sha256sum and git with the same clock.
//
// Usage:
//
//	snapshotbench gen -files N -bytes B DIR   # write N files totalling B bytes
//	snapshotbench take [-cold] [-cache DIR] [-nolimit] [-v] DIR
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/azureml-go/azureml/snapshot"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: snapshotbench gen|take [flags] DIR")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "take":
		err = take(context.Background(), os.Args[2:])
	default:
		err = fmt.Errorf("snapshotbench: unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// gen writes -files files of pseudo-random content totalling -bytes bytes
// into DIR, 100 files per folder, sizes varying from 0.5x to 1.5x the mean
// (in pairs that add up to twice the mean).
func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	files := fs.Int("files", 2000, "number of files")
	total := fs.Int64("bytes", 300<<20, "total bytes")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return fmt.Errorf("snapshotbench: gen [-files N] [-bytes B] DIR")
	}
	src := rand.NewChaCha8([32]byte{1})
	rng := rand.New(src)
	sizes := make([]int64, *files)
	var sum int64
	mean := *total / int64(*files)
	for i := range sizes {
		if i%2 == 1 { // pairs of sizes mean±dev keep the total at the mean
			sizes[i] = 2*mean - sizes[i-1]
		} else {
			sizes[i] = mean * int64(50+rng.IntN(101)) / 100
		}
		sum += sizes[i]
	}
	sizes[len(sizes)-1] += *total - sum // exact total; the last file absorbs the rest
	var buf []byte
	for i, n := range sizes {
		p := filepath.Join(fs.Arg(0), fmt.Sprintf("d%03d", i/100), fmt.Sprintf("f%05d.bin", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if int64(cap(buf)) < n {
			buf = make([]byte, n)
		}
		_, _ = src.Read(buf[:n])
		if err := os.WriteFile(p, buf[:n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// take snapshots DIR once.
func take(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("take", flag.ContinueOnError)
	cold := fs.Bool("cold", false, "disable the stat cache (hash every file)")
	cache := fs.String("cache", "", "stat cache folder (default: the user cache)")
	nolimit := fs.Bool("nolimit", false, "disable the size and file-count limits")
	verbose := fs.Bool("v", false, "print the stats on stderr")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return fmt.Errorf("snapshotbench: take [-cold] [-cache DIR] [-nolimit] [-v] DIR")
	}
	opts := &snapshot.Options{DisableStatCache: *cold, StatCacheDir: *cache}
	if *nolimit {
		opts.MaxBytes, opts.MaxFiles = snapshot.NoLimit, snapshot.NoLimit
	}
	m, err := snapshot.Take(ctx, fs.Arg(0), opts)
	if err != nil {
		return err
	}
	if *verbose {
		fmt.Fprintf(os.Stderr, "%+v id=%s\n", m.Stats, m.ID())
	}
	return nil
}
