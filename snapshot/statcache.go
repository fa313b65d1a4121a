package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"
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
// or one written for another folder, yields nil (never an error).
func loadStatCache(file, absDir string, log *slog.Logger) *statCache {
	data, err := os.ReadFile(file)
	if err != nil {
		if !os.IsNotExist(err) {
			log.Debug("snapshot: stat cache unreadable, ignored", "file", file, "err", err)
		}
		return nil
	}
	c, err := decodeStatCache(data)
	if err != nil || c.Root != absDir {
		log.Debug("snapshot: stat cache corrupt or stale, ignored", "file", file, "err", err)
		return nil
	}
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

// lookupAll fills the hash of every file of t that the cache vouches for,
// by a merge of the two lists sorted by path. The hashes are substrings of
// the cache file's content.
func (c *statCache) lookupAll(t tree) {
	if c == nil {
		return
	}
	cur := cacheCursor{data: c.records}
	ok := cur.next()
	for i := range t.entries {
		e := &t.entries[i]
		for ok && cur.path < e.Path {
			ok = cur.next()
		}
		if ok && e.Kind == KindFile && cur.path == e.Path && c.vouch(cur.st, t.stats[i]) {
			e.SHA256, t.cached[i] = cur.sha, true
		}
	}
}

// encodeCache returns the stat cache file of a finished snapshot of
// absDir started at start.
func encodeCache(absDir string, start time.Time, t tree) []byte {
	enc := newCacheEncoder(absDir, start.UnixNano(), len(t.entries))
	for i, e := range t.entries {
		if e.Kind == KindFile {
			enc.add(e.Path, t.stats[i], e.SHA256)
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
