package remotesync

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"

	"github.com/azureml-go/azureml/internal/sshx"
	"github.com/azureml-go/azureml/snapshot"
)

// syncer is one [Sync] call.
type syncer struct {
	c                *sshx.Client
	m                *snapshot.Manifest
	src, store, dest string
	o                *Options
	st               *Stats
	h                *host
}

// maxApply bounds the attempts to apply the manifest: the first may find
// objects gone from the store (removed by hand, or failing verification),
// which are then sent again.
const maxApply = 3

// blindBytes bounds the new contents of a diff that are sent without
// asking the host first which it has: below it, a round trip costs more
// than sending a content the host turns out to have (it drops it).
const blindBytes = 1 << 20

// run probes the host, sends the objects it lacks and applies the
// manifest; a host without the interpreter gets the SFTP and sh fallback.
func (s *syncer) run(ctx context.Context) error {
	objs := objects(s.m, s.st)
	key := lineage(s.src)
	base, digests, ok, err := s.h.probe(ctx, key)
	if err != nil {
		return err
	}
	if !ok {
		return s.fallback(ctx, objs)
	}
	s.st.Helper = true
	empty := base == emptyStore
	if empty {
		base = ""
	}
	p := newPlan(s.m, base, digests)
	candidates := objs
	if fresh := p.newContents(); fresh != nil {
		candidates = nil
		for _, o := range objs {
			if fresh[o.hash] {
				candidates = append(candidates, o)
			}
		}
	}
	missing := candidates
	if !empty && (p.base == "" || size(candidates) > blindBytes) {
		if missing, err = s.h.missing(ctx, candidates); err != nil {
			return err
		}
	}
	s.st.ObjectsPresent = len(objs) - len(missing)
	s.reportPresent(objs, missing)
	return s.applyLoop(ctx, objs, p, key, missing)
}

// applyLoop sends missing and applies p, again with the objects the host
// then reports missing, or with the whole manifest if it refuses the diff.
func (s *syncer) applyLoop(ctx context.Context, objs []object, p *plan, key string, missing []object) error {
	up := &streamer{h: s.h, src: s.src, progress: s.o.Progress, present: s.o.Present}
	defer func() {
		s.st.FilesSent, s.st.BytesSent = int(up.files.Load()), up.bytes.Load()
		s.st.ObjectsPresent += int(up.nPresent.Load())
	}()
	for attempt := 1; ; attempt++ {
		res, err := s.sendAndApply(ctx, up, p, key, missing)
		switch {
		case err != nil:
			return err
		case res.baseGone:
			p = newPlan(s.m, "", nil)
			missing = nil
		case len(res.missing) > 0 && attempt < maxApply:
			missing = pick(objs, res.missing)
			s.st.ObjectsPresent -= len(missing)
		case len(res.missing) > 0:
			return fmt.Errorf("remotesync: %d objects still missing from %s after %d uploads (first %s)",
				len(res.missing), s.store, attempt, res.missing[0])
		default:
			return nil
		}
	}
}

// sendAndApply stores objs on the host and applies the plan. Up to
// blindBytes of objects go in the apply session itself; more are streamed
// first, in concurrent batches.
func (s *syncer) sendAndApply(ctx context.Context, up *streamer, p *plan, key string, objs []object) (applyResult, error) {
	var inline []object
	if size(objs) <= blindBytes {
		inline, objs = objs, nil
	}
	if len(objs) > 0 {
		if err := up.run(ctx, objs, s.o.Workers); err != nil {
			return applyResult{}, err
		}
	}
	var pre bytes.Buffer
	if err := up.frames(&pre, inline); err != nil {
		return applyResult{}, err
	}
	s.st.Diff = p.base != ""
	res, out, err := s.h.apply(ctx, p, s.dest, key, !s.o.Copy, pre.Bytes())
	up.ack(out, inline)
	return res, err
}

// fallback is the path for hosts without Python: the missing objects
// over SFTP, then one sh script (a cp per file) builds remoteDest.
func (s *syncer) fallback(ctx context.Context, objs []object) error {
	missing, err := findMissing(ctx, s.c, s.store, objs, s.st)
	if err != nil {
		return err
	}
	s.st.ObjectsPresent = len(objs) - len(missing)
	s.reportPresent(objs, missing)
	up := &uploader{c: s.c, src: s.src, store: s.store, progress: s.o.Progress}
	err = up.run(ctx, missing, s.o.Workers)
	s.st.FilesSent, s.st.BytesSent = int(up.files.Load()), up.bytes.Load()
	if err != nil {
		return err
	}
	return materialize(ctx, s.c, s.m, s.store, s.dest, s.st)
}

// reportPresent tells Options.Present about the objects of objs that are
// not in missing.
func (s *syncer) reportPresent(objs, missing []object) {
	if s.o.Present == nil {
		return
	}
	absent := make(map[string]bool, len(missing))
	for _, o := range missing {
		absent[o.hash] = true
	}
	for _, o := range objs {
		if !absent[o.hash] {
			s.o.Present(o.hash, o.size)
		}
	}
}

// size is the total size of objs.
func size(objs []object) int64 {
	var n int64
	for _, o := range objs {
		n += o.size
	}
	return n
}

// pick returns the objects with the given hashes.
func pick(objs []object, hashes []string) []object {
	want := make(map[string]bool, len(hashes))
	for _, h := range hashes {
		want[h] = true
	}
	var out []object
	for _, o := range objs {
		if want[o.hash] {
			out = append(out, o)
		}
	}
	return out
}

// lineage names the source folder on the host (a hash of its absolute
// path), so a re-sync diffs against the last manifest synced from it.
func lineage(src string) string {
	if abs, err := filepath.Abs(src); err == nil {
		src = abs
	}
	sum := sha256.Sum256([]byte(src))
	return hex.EncodeToString(sum[:8])
}
