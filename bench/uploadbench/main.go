// Command uploadbench is the Go side of bench/upload.sh: against an Azurite
// it starts on loopback, it times codeupload.Upload of a snapshot against a
// plain azblob parallel upload of the same files (what azcopy does: walk,
// one Put Blob per file on a pool of workers, no hashing, no metadata), and
// counts the bytes a re-submission sends after one file changed.
//
// Usage:
//
//	uploadbench [-runs N] [-workers N] DIR
//
// It prints two lines:
//
//	bench: azure-upload-1000f-100MB ratio=X goal>=0.9   (our throughput / plain upload's, median of rounds)
//	bench: azure-resubmit-bytes ratio=X goal<=1.05      (client bytes / changed file's size)
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/snapshot"
)

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	runs := flag.Int("runs", 3, "timed runs per side (the median is reported)")
	workers := flag.Int("workers", 2*runtime.GOMAXPROCS(0), "files in flight, both sides")
	flag.Parse()
	if flag.NArg() != 1 || *runs < 1 {
		return fmt.Errorf("uploadbench: usage: uploadbench [-runs N] [-workers N] DIR")
	}
	dir := flag.Arg(0)
	srv, err := azuritetest.Launch(ctx, nil)
	if err != nil {
		return err
	}
	defer srv.Close()
	m, err := snapshot.Take(ctx, dir, &snapshot.Options{DisableStatCache: true})
	if err != nil {
		return err
	}
	b := &bench{srv: srv, dir: dir, m: m, workers: *workers}
	if err := b.throughput(ctx, *runs); err != nil {
		return err
	}
	return b.resubmit(ctx)
}

// bench holds what both figures share.
type bench struct {
	srv     *azuritetest.Server
	dir     string
	m       *snapshot.Manifest
	workers int
}

// throughput alternates our upload and the plain one, each into a fresh
// container, and prints the ratio of their median throughputs. One untimed
// round of each warms Azurite up first, and the side that goes first
// alternates, so neither gains from the order.
func (b *bench) throughput(ctx context.Context, runs int) error {
	var ours, plain []time.Duration
	type side struct {
		fn  func(context.Context, string, string) error
		out *[]time.Duration
	}
	for i := -1; i < runs; i++ {
		sides := []side{{b.ours, &ours}, {b.plain, &plain}}
		if i%2 != 0 {
			sides[0], sides[1] = sides[1], sides[0]
		}
		for _, s := range sides {
			d, err := b.timed(ctx, s.fn)
			if err != nil {
				return err
			}
			if i >= 0 { // i == -1 is the warm-up round
				*s.out = append(*s.out, d)
			}
		}
	}
	mo, mp := median(ours), median(plain)
	// The figure is the median of the per-round ratios: on a shared
	// machine a slow spell hits both sides of a round, while the ratio of
	// the two medians can pair a fast run with a slow one.
	ratios := make([]time.Duration, len(ours))
	for i := range ours {
		ratios[i] = time.Duration(float64(time.Millisecond) * plain[i].Seconds() / ours[i].Seconds())
	}
	var total int64
	for _, e := range b.m.Entries {
		total += e.Size
	}
	fmt.Fprintf(os.Stderr, "# %d files, %.1f MB, %d workers: ours median %v %v, plain median %v %v; ours %.1f MB/s; ratio of medians %.2f\n",
		len(b.m.Entries), float64(total)/1e6, b.workers, mo, ours, mp, plain, float64(total)/1e6/mo.Seconds(), mp.Seconds()/mo.Seconds())
	fmt.Printf("bench: azure-upload-%df-%dMB ratio=%.2f goal>=0.9\n",
		len(b.m.Entries), (total+500_000)/1_000_000, float64(median(ratios))/float64(time.Millisecond))
	return nil
}

// timed makes a fresh container, runs fn into it and returns fn's wall
// time; the container is deleted afterwards to keep Azurite's disk small.
func (b *bench) timed(ctx context.Context, fn func(context.Context, string, string) error) (time.Duration, error) {
	name := azuritetest.UniqueName("bench")
	if err := b.srv.CreateContainer(ctx, name); err != nil {
		return 0, err
	}
	sasURL, err := b.srv.ContainerSASURL(name, azuritetest.UploadPermissions(), time.Now().Add(time.Hour))
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if err := fn(ctx, name, sasURL); err != nil {
		return 0, err
	}
	d := time.Since(start)
	return d, b.deleteContainer(ctx, name)
}

func (b *bench) deleteContainer(ctx context.Context, name string) error {
	c, err := b.srv.Client(nil)
	if err != nil {
		return err
	}
	_, err = c.DeleteContainer(ctx, name, nil)
	return err
}

// median of a few durations (the lower middle for an even count).
func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[(len(s)-1)/2]
}
