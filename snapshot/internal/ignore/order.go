package ignore

import (
	"cmp"
	"slices"
)

// scratch is the reusable working memory of one folder reader.
type scratch struct {
	buf  []byte    // directory reads
	ents []dirent  // a folder's entries before they are kept and sorted
	keys []sortKey // sortedCopy
}

func newScratch() *scratch { return &scratch{buf: make([]byte, direntBufSize)} }

// sortKey is an entry's place in path order as far as its first eight
// bytes tell (see prefixKey), and its index.
type sortKey struct {
	prefix uint64
	i      int32
}

// sortedCopy returns a new slice, of exactly their number, of the entries
// of one folder in comparePathOrder. Most comparisons are settled by an
// integer compare of the entries' prefix keys, and the sort moves 16-byte
// keys, not entries.
func sortedCopy(ents []dirent, s *scratch) []dirent {
	if len(ents) == 0 {
		return nil
	}
	keys := s.keys[:0]
	for i := range ents {
		keys = append(keys, sortKey{prefixKey(ents[i].name, ents[i].typ.IsDir()), int32(i)})
	}
	s.keys = keys
	slices.SortFunc(keys, func(a, b sortKey) int {
		if c := cmp.Compare(a.prefix, b.prefix); c != 0 {
			return c
		}
		return comparePathOrder(ents[a.i], ents[b.i])
	})
	out := make([]dirent, len(ents))
	for j, k := range keys {
		out[j] = ents[k.i]
	}
	return out
}

// prefixKey packs the first eight bytes of name, plus "/" for a folder,
// big-endian and zero-padded. Names hold no NUL byte, so keys order as
// comparePathOrder does, and equal keys need a full comparison.
func prefixKey(name string, isDir bool) uint64 {
	var k uint64
	n := 0
	for ; n < 8 && n < len(name); n++ {
		k = k<<8 | uint64(name[n])
	}
	if n < 8 && isDir {
		k = k<<8 | '/'
		n++
	}
	return k << (8 * (8 - n))
}
