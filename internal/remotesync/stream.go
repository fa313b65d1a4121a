package remotesync

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
)

// Bounds of a batch of objects sent in one stream (an object larger than
// batchBytes is a batch of its own). Within them, the objects are split
// into about as many batches as workers, so that each stream starts one
// process on the host and all run at once.
const (
	batchBytes   = 32 << 20
	batchObjects = 256
)

// streamer stores objects on the host through the helper's put command:
// each batch is one SSH session whose input frames the objects, so small
// files cost no round trip each. Several batches run at once.
type streamer struct {
	h        *host
	src      string
	progress func(hash string, size int64)
	present  func(hash string, size int64)

	files    atomic.Int64
	bytes    atomic.Int64
	nPresent atomic.Int64 // sent, but the host had them already
}

// run sends objs in batches, at most workers batches at a time.
func (s *streamer) run(ctx context.Context, objs []object, workers int) error {
	return parallel(ctx, batches(objs, workers), workers, s.put)
}

// batches splits objs into about workers batches of similar size, each
// at most batchBytes or batchObjects.
func batches(objs []object, workers int) [][]object {
	per := max(size(objs)/int64(max(workers, 1)), 1)
	var out [][]object
	var n int64
	for i, o := range objs {
		if i == 0 || n >= per || n+o.size > batchBytes || len(out[len(out)-1]) == batchObjects {
			out = append(out, nil)
			n = 0
		}
		out[len(out)-1] = append(out[len(out)-1], o)
		n += o.size
	}
	return out
}

// put sends one batch. The host stores each object under a temporary
// name and renames it into place only after its end mark, which says the
// bytes sent had the object's hash; it prints the hash of each object
// stored ("+hash", which counts also when the connection drops midway)
// or found already there ("=hash": sent without checking first).
func (s *streamer) put(ctx context.Context, batch []object) error {
	pr, pw := io.Pipe()
	werr := make(chan error, 1)
	go func() {
		err := s.frames(pw, batch)
		_ = pw.Close()
		werr <- err
	}()
	out, err := s.h.c.RunInput(ctx, s.h.command("put", s.h.store), pr)
	_ = pr.Close()
	s.ack(out, batch)
	ferr := <-werr
	if ce := (*ChangedError)(nil); errors.As(ferr, &ce) {
		return ferr
	}
	if err != nil { // the writer's error then is only the closed pipe
		return fmt.Errorf("remotesync: store objects in %s: %w", s.h.store, err)
	}
	return ferr
}

// ack counts the objects of batch the host acknowledged in out: "+hash"
// stored, "=hash" found there already.
func (s *streamer) ack(out []byte, batch []object) {
	sizes := make(map[string]int64, len(batch))
	for _, o := range batch {
		sizes[o.hash] = o.size
	}
	for _, l := range strings.Fields(string(out)) {
		size, ok := sizes[l[1:]]
		switch {
		case !ok:
		case l[0] == '=':
			s.nPresent.Add(1)
			if s.present != nil {
				s.present(l[1:], size)
			}
		case l[0] == '+':
			s.files.Add(1)
			s.bytes.Add(size)
			if s.progress != nil {
				s.progress(l[1:], size)
			}
		}
	}
}

// frames writes each object as "<hash> <size>\n", its bytes and an end
// mark: "+" when they hash to the name, else "-" (the host then drops
// it) and a [*ChangedError] ends the batch.
func (s *streamer) frames(w io.Writer, batch []object) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	for _, o := range batch {
		if err := s.frame(bw, o); err != nil {
			if ce := (*ChangedError)(nil); errors.As(err, &ce) {
				_ = bw.Flush()
			}
			return err
		}
	}
	return bw.Flush()
}

func (s *streamer) frame(w *bufio.Writer, o object) error {
	f, err := os.Open(filepath.Join(s.src, filepath.FromSlash(o.path)))
	if err != nil {
		return fmt.Errorf("remotesync: %w", err)
	}
	defer f.Close()
	fmt.Fprintf(w, "%s %d\n", o.hash, o.size)
	h := sha256.New()
	r := io.LimitReader(f, o.size+1) // one byte more shows a file that grew
	buf := make([]byte, 64<<10)
	var n int64
	for {
		k, rerr := r.Read(buf)
		h.Write(buf[:k])
		if send := min(int64(k), o.size-n); send > 0 {
			if _, err := w.Write(buf[:send]); err != nil {
				return err
			}
		}
		n += int64(k)
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return fmt.Errorf("remotesync: read %s: %w", o.path, rerr)
		}
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != o.hash || n != o.size {
		if n < o.size {
			if _, err := io.CopyN(w, zeros{}, o.size-n); err != nil {
				return err
			}
		}
		if err := w.WriteByte('-'); err != nil {
			return err
		}
		return &ChangedError{Path: o.path, Want: o.hash, Got: got}
	}
	return w.WriteByte('+')
}

// zeros reads as an endless run of zero bytes (padding for a file that
// shrank, so the frame keeps its announced size).
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
