package snapshot

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"unsafe"
)

// The stat cache is a binary file, little-endian, read without decoding
// into per-file values: the records stay in the file's one string and are
// visited in order (see cacheCursor), so a warm re-snapshot allocates
// nothing per file for them.
//
//	magic    8 bytes  "azmlsc\x00\x02" (the last byte is the version)
//	written  int64    ns since the Unix epoch (see statCache.Written)
//	rootLen  uint32, then the root folder's bytes
//	count    uint32   number of records
//	records  count times, sorted by path, unique:
//	           size int64, mtime int64, ctime int64, ino uint64,
//	           mode uint32, pathLen uint32, shaLen uint32,
//	           then the path's bytes and the hex SHA-256's
//	crc      uint32   CRC-32C of everything before it
//
// A file that is short, long, unsorted or fails its checksum is corrupt,
// and a corrupt cache is ignored.

const (
	cacheMagic     = "azmlsc\x00\x02"
	recordHeadSize = 8*4 + 4*3
)

var errCacheLayout = errors.New("stat cache: unexpected layout")

// crc32Checksum is the CRC-32C of b.
func crc32Checksum(b []byte) uint32 { return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)) }

// cacheEncoder builds a cache file; add records in path order.
type cacheEncoder struct {
	b     []byte
	count int
}

// newCacheEncoder starts a cache of about n files of root written at written.
func newCacheEncoder(root string, written int64, n int) *cacheEncoder {
	b := make([]byte, 0, len(cacheMagic)+16+len(root)+n*(recordHeadSize+96)+4)
	b = append(b, cacheMagic...)
	b = binary.LittleEndian.AppendUint64(b, uint64(written))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(root)))
	b = append(b, root...)
	b = binary.LittleEndian.AppendUint32(b, 0) // count, set by finish
	return &cacheEncoder{b: b}
}

// add appends one record.
func (e *cacheEncoder) add(path string, st fileStat, sha string) {
	b := e.b
	b = binary.LittleEndian.AppendUint64(b, uint64(st.Size))
	b = binary.LittleEndian.AppendUint64(b, uint64(st.MTime))
	b = binary.LittleEndian.AppendUint64(b, uint64(st.CTime))
	b = binary.LittleEndian.AppendUint64(b, st.Ino)
	b = binary.LittleEndian.AppendUint32(b, st.Mode)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(path)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(sha)))
	b = append(b, path...)
	e.b = append(b, sha...)
	e.count++
}

// finish sets the count, appends the checksum and returns the file's content.
func (e *cacheEncoder) finish() []byte {
	countAt := len(cacheMagic) + 8 + 4 + int(binary.LittleEndian.Uint32(e.b[len(cacheMagic)+8:]))
	binary.LittleEndian.PutUint32(e.b[countAt:], uint32(e.count))
	return binary.LittleEndian.AppendUint32(e.b, crc32Checksum(e.b))
}

// decodeStatCache checks data (the whole file) and returns the cache over
// it. The cache's strings point into data, which must not change afterwards.
func decodeStatCache(data []byte) (*statCache, error) {
	n := len(data) - 4
	if n < len(cacheMagic)+16 || string(data[:len(cacheMagic)]) != cacheMagic ||
		crc32Checksum(data[:n]) != binary.LittleEndian.Uint32(data[n:]) {
		return nil, errCacheLayout
	}
	// The records are read as substrings of one string over data: no
	// copy, and no allocation per path or hash.
	body := unsafe.String(unsafe.SliceData(data), n)
	c := &statCache{Written: int64(u64(body, 8))}
	rootLen := uint64(u32(body, 16))
	if rootLen > uint64(n-24) {
		return nil, errCacheLayout
	}
	c.Root = body[20 : 20+rootLen]
	c.count = int(u32(body, 20+int(rootLen)))
	c.records = body[24+rootLen:]
	return c, c.check()
}

// check walks the records once: every one must be whole, in path order,
// and there must be exactly count of them.
func (c *statCache) check() error {
	cur := cacheCursor{data: c.records}
	prev, n := "", 0
	for ; cur.next(); n++ {
		if n > 0 && cur.path <= prev {
			return errCacheLayout
		}
		prev = cur.path
	}
	if cur.err != nil || n != c.count {
		return errCacheLayout
	}
	return nil
}

// cacheCursor visits the records of a cache in order, from pos; the
// current record's fields (and at, its offset) are valid after next
// returns true.
type cacheCursor struct {
	data string
	pos  int
	at   int
	path string
	sha  string
	st   fileStat
	err  error
}

// next moves to the following record; it returns false at the end or on a
// malformed record (then err is set).
func (c *cacheCursor) next() bool {
	if c.pos >= len(c.data) || c.err != nil {
		return false
	}
	h := c.data[c.pos:]
	if len(h) < recordHeadSize {
		c.err = errCacheLayout
		return false
	}
	c.st = fileStat{Size: int64(u64(h, 0)), MTime: int64(u64(h, 8)), CTime: int64(u64(h, 16)),
		Ino: u64(h, 24), Mode: u32(h, 32)}
	pathLen, shaLen := uint64(u32(h, 36)), uint64(u32(h, 40))
	rest := h[recordHeadSize:]
	if pathLen+shaLen > uint64(len(rest)) {
		c.err = errCacheLayout
		return false
	}
	c.path, c.sha = rest[:pathLen], rest[pathLen:pathLen+shaLen]
	c.at = c.pos
	c.pos += recordHeadSize + int(pathLen+shaLen)
	return true
}

// u32 reads a little-endian uint32 at s[i:].
func u32(s string, i int) uint32 {
	_ = s[i+3]
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

// u64 reads a little-endian uint64 at s[i:].
func u64(s string, i int) uint64 { return uint64(u32(s, i)) | uint64(u32(s, i+4))<<32 }
