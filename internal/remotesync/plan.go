package remotesync

import (
	"bytes"
	"crypto/sha256"
	"strconv"

	"github.com/azureml-go/azureml/snapshot"
)

// plan is how a manifest is described to the host: whole, or as the
// entries dropped from and added to a base manifest the host already has.
type plan struct {
	m     *snapshot.Manifest
	id    string
	base  string           // "" to send the whole manifest
	drops []int            // indices of base entries not in m
	adds  []snapshot.Entry // entries of m not in the base
}

// entryBytes appends e's canonical encoding (six NUL-terminated fields,
// without the manifest's header) to b.
func entryBytes(b []byte, e snapshot.Entry) []byte {
	header := len((&snapshot.Manifest{}).AppendCanonical(nil))
	one := snapshot.Manifest{Entries: []snapshot.Entry{e}}
	return append(b, one.AppendCanonical(nil)[header:]...)
}

// digestOf is the 4-byte digest of e the helper's probe reports.
func digestOf(e snapshot.Entry) [4]byte {
	sum := sha256.Sum256(entryBytes(nil, e))
	return [4]byte(sum[:4])
}

// newPlan diffs m against the base whose entry digests are given. A
// digest collision can only make the host's rebuilt manifest differ from
// m, which the host detects by its id; the whole manifest is sent then.
// The whole manifest is also sent when it is smaller than the diff.
func newPlan(m *snapshot.Manifest, base string, digests []byte) *plan {
	p := &plan{m: m, id: m.ID()}
	if base == "" {
		return p
	}
	byDigest := make(map[[4]byte][]int, len(digests)/4)
	for i := 0; i+4 <= len(digests); i += 4 {
		d := [4]byte(digests[i : i+4])
		byDigest[d] = append(byDigest[d], i/4)
	}
	for _, e := range m.Entries {
		d := digestOf(e)
		if idx := byDigest[d]; len(idx) > 0 {
			byDigest[d] = idx[1:]
			continue
		}
		p.adds = append(p.adds, e)
	}
	for _, idx := range byDigest {
		p.drops = append(p.drops, idx...)
	}
	if 2*len(p.adds) < len(m.Entries) {
		p.base = base
	}
	return p
}

// newContents returns the hashes of the contents the diff adds, or nil
// when the whole manifest is sent (every content may be new).
func (p *plan) newContents() map[string]bool {
	if p.base == "" {
		return nil
	}
	hs := make(map[string]bool, len(p.adds))
	for _, e := range p.adds {
		if e.Kind == snapshot.KindFile {
			hs[e.SHA256] = true
		}
	}
	return hs
}

// encode is the helper's apply input: the canonical manifest, or a line
// of dropped base indices followed by the added entries' encodings.
func (p *plan) encode() []byte {
	if p.base == "" {
		return p.m.AppendCanonical(nil)
	}
	var b bytes.Buffer
	for i, d := range p.drops {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(d))
	}
	b.WriteByte('\n')
	out := b.Bytes()
	for _, e := range p.adds {
		out = entryBytes(out, e)
	}
	return out
}
