package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
	"unsafe"
)

// fileStat is what the stat cache compares to decide a file is unchanged.
type fileStat struct {
	Size  int64
	MTime int64 // ns since the Unix epoch
	CTime int64 // ns since the Unix epoch; 0 where unknown
	Ino   uint64
	Mode  uint32 // permission bits
}

// statOf extracts the cached fields of fi.
func statOf(fi fs.FileInfo) fileStat {
	ino, ctime := sysStat(fi)
	return fileStat{Size: fi.Size(), MTime: fi.ModTime().UnixNano(), CTime: ctime, Ino: ino, Mode: uint32(fi.Mode().Perm())}
}

// statCache is the stat cache of one source folder as read from its file
// (see statcache_codec.go).
type statCache struct {
	Root string
	// Written is when the snapshot that wrote the cache started (ns), minus
	// a margin for filesystems' coarse timestamp clocks.
	Written int64
	count   int    // number of records
	records string // the encoded records, checked by decodeStatCache
	release func() // frees the file's content (see readCacheFile)
}

// close frees the cache's memory; nothing read from it may be used after.
// It does nothing on a nil cache.
func (c *statCache) close() {
	if c != nil && c.release != nil {
		c.release()
		c.release = nil
	}
}

// clockMargin allows for file timestamps taken from a coarse kernel clock
// that lags time.Now.
const clockMargin = 20 * time.Millisecond

// cacheKey names the cache file of the absolute source folder absDir.
func cacheKey(absDir string) string {
	sum := sha256.Sum256([]byte(absDir))
	return hex.EncodeToString(sum[:])
}

// loadStatCache reads the cache file; a missing, unreadable or corrupt cache,
// or one written for another folder, yields nil (never an error). The
// caller closes a non-nil cache once done with it.
func loadStatCache(file, absDir string, log *slog.Logger) *statCache {
	data, release, err := readCacheFile(file)
	if err != nil {
		if !os.IsNotExist(err) {
			log.Debug("snapshot: stat cache unreadable, ignored", "file", file, "err", err)
		}
		return nil
	}
	c, err := decodeStatCache(data)
	if err != nil || c.Root != absDir {
		release()
		log.Debug("snapshot: stat cache corrupt or stale, ignored", "file", file, "err", err)
		return nil
	}
	c.release = release
	return c
}

// vouch reports whether the cache's record st0 vouches for a file whose
// lstat gave st: they must match and the file must not be "racily clean":
// its mtime must be in an earlier second than the cache's write time,
// otherwise a change made in that same second could have kept size and
// mtime.
func (c *statCache) vouch(st0, st fileStat) bool {
	return st0 == st && time.Unix(0, st.MTime).Unix() < time.Unix(0, c.Written).Unix()
}

// index finds the record of every file of entries (sorted by path) by a
// merge of the two lists: the result holds the record's offset plus one,
// or 0 for none. It returns nil for a nil cache.
func (c *statCache) index(entries []Entry) []uint32 {
	if c == nil {
		return nil
	}
	recs := make([]uint32, len(entries))
	cur := cacheCursor{data: c.records}
	ok := cur.next()
	for i := range entries {
		e := &entries[i]
		for ok && cur.path < e.Path {
			ok = cur.next()
		}
		if ok && e.Kind == KindFile && cur.path == e.Path {
			recs[i] = uint32(cur.at) + 1
		}
	}
	return recs
}

// record returns the record at offset off (from index).
func (c *statCache) record(off uint32) (sha string, st fileStat) {
	cur := cacheCursor{data: c.records, pos: int(off)}
	cur.next()
	return cur.sha, cur.st
}

// settle decides file i of t from its lstat result st: the hash comes from
// its cache record if the record vouches for it (copied into t.hashes, as
// the cache's memory is freed after the snapshot); otherwise st is kept for
// the next cache. Calls for different files may run concurrently.
func (t tree) settle(i int, st fileStat, c *statCache) {
	if t.recs != nil && t.recs[i] != 0 {
		if sha, st0 := c.record(t.recs[i] - 1); len(sha) == shaHexLen && c.vouch(st0, st) {
			h := t.hashes[i*shaHexLen : (i+1)*shaHexLen]
			copy(h, sha)
			t.entries[i].SHA256, t.cached[i] = unsafe.String(&h[0], shaHexLen), true
			return
		}
	}
	t.fresh.set(i, st)
}

// shaHexLen is the length of a hex SHA-256; a cache record with a hash of
// another length vouches for nothing.
const shaHexLen = 2 * sha256.Size

// freshStats holds the lstat results of the files the cache did not vouch
// for, for the next cache; the slice is only made when there is one.
type freshStats struct {
	once  sync.Once
	n     int
	stats []fileStat
}

// set records the stat of file i. Calls for different files may run
// concurrently.
func (f *freshStats) set(i int, st fileStat) {
	f.once.Do(func() { f.stats = make([]fileStat, f.n) })
	f.stats[i] = st
}

// encodeCache returns the stat cache file of a finished snapshot of
// absDir started at start; c is the cache t was settled with.
func encodeCache(absDir string, start time.Time, t tree, c *statCache) []byte {
	enc := newCacheEncoder(absDir, start.UnixNano(), len(t.entries))
	for i, e := range t.entries {
		switch {
		case e.Kind != KindFile:
		case t.cached[i]:
			_, st := c.record(t.recs[i] - 1)
			enc.add(e.Path, st, e.SHA256)
		default:
			enc.add(e.Path, t.fresh.stats[i], e.SHA256)
		}
	}
	return enc.finish()
}

// saveCache writes data to file atomically (temporary file, then rename).
func saveCache(file string, data []byte) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(file)+".tmp*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}
