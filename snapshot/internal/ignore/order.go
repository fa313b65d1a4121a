package ignore

import (
	"cmp"
	"slices"
)

// scratch is the reusable working memory of one folder reader.
type scratch struct {
	buf   []byte    // directory reads
	keys  []sortKey // sortEntries
	tmp   []dirent  // sortEntries
	cname []byte    // NUL-terminated names for fstatat
}

func newScratch() *scratch { return &scratch{buf: make([]byte, direntBufSize)} }

// sortKey is an entry's place in path order as far as its first eight
// bytes tell (see prefixKey), and its index.
type sortKey struct {
	prefix uint64
	i      int32
}

// sortEntries sorts the entries of one folder with comparePathOrder. Most
// comparisons are settled by an integer compare of the entries' prefix keys,
// and the sort moves 16-byte keys, not entries.
func sortEntries(ents []dirent, s *scratch) {
	if len(ents) < 2 {
		return
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
	if slices.IsSortedFunc(keys, func(a, b sortKey) int { return cmp.Compare(a.i, b.i) }) {
		return
	}
	tmp := append(s.tmp[:0], ents...)
	for j, k := range keys {
		ents[j] = tmp[k.i]
	}
	clear(tmp) // drop the references, so the scratch keeps nothing alive
	s.tmp = tmp[:0]
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
