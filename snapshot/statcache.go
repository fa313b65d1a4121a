package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/azureml-go/azureml/snapshot/internal/ignore"
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
	if st, ok := fi.Sys().(*ignore.FileStat); ok {
		return fileStat{Size: st.Size, MTime: st.MTime, CTime: st.CTime, Ino: st.Ino, Mode: uint32(st.Mode.Perm())}
	}
	ino, ctime := sysStat(fi)
	return fileStat{Size: fi.Size(), MTime: fi.ModTime().UnixNano(), CTime: ctime, Ino: ino, Mode: uint32(fi.Mode().Perm())}
}

// cachedFile is one entry of the stat cache.
type cachedFile struct {
	Path string
	fileStat
	SHA256 string
}

// statCache is the stat cache of one source folder, stored as JSON (see
// statcache_codec.go).
type statCache struct {
	Version int
	Root    string
	// Written is when the snapshot that wrote the cache started (ns), minus
	// a margin for filesystems' coarse timestamp clocks.
	Written int64
	Files   []cachedFile // sorted by Path
}

const (
	statCacheVersion = 1
	// clockMargin allows for file timestamps taken from a coarse kernel clock
	// that lags time.Now.
	clockMargin = 20 * time.Millisecond
)

// cacheKey names the cache file of the absolute source folder absDir.
func cacheKey(absDir string) string {
	sum := sha256.Sum256([]byte(absDir))
	return hex.EncodeToString(sum[:])
}

// loadStatCache reads the cache file; a missing, unreadable or corrupt cache,
// or one written for another folder, yields nil (never an error).
func loadStatCache(file, absDir string, log *slog.Logger) *statCache {
	data, err := readString(file)
	if err != nil {
		if !os.IsNotExist(err) {
			log.Debug("snapshot: stat cache unreadable, ignored", "file", file, "err", err)
		}
		return nil
	}
	c, err := decodeStatCache(data)
	if err != nil || c.Version != statCacheVersion || c.Root != absDir {
		log.Debug("snapshot: stat cache corrupt or stale, ignored", "file", file, "err", err)
		return nil
	}
	return c
}

// readString reads a whole file into a string without the copy that
// string(os.ReadFile(...)) makes.
func readString(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if fi, err := f.Stat(); err == nil {
		b.Grow(int(fi.Size()) + 1)
	}
	_, err = io.Copy(&b, f)
	return b.String(), err
}

// vouch returns f's hash if st matches f and the file is not "racily
// clean": its mtime must be in an earlier second than the cache's write
// time, otherwise a change made in that same second could have kept size and
// mtime.
func (c *statCache) vouch(f cachedFile, st fileStat) (string, bool) {
	if f.fileStat != st || time.Unix(0, st.MTime).Unix() >= time.Unix(0, c.Written).Unix() {
		return "", false
	}
	return f.SHA256, true
}

// lookupAll fills the hash of every file of t that the cache vouches for,
// by a merge of the two lists sorted by path.
func (c *statCache) lookupAll(t tree) {
	if c == nil {
		return
	}
	j := 0
	for i := range t.entries {
		e := &t.entries[i]
		for j < len(c.Files) && c.Files[j].Path < e.Path {
			j++
		}
		if e.Kind == KindFile && j < len(c.Files) && c.Files[j].Path == e.Path {
			e.SHA256, t.cached[i] = c.vouch(c.Files[j], t.stats[i])
		}
	}
}

// save writes c to file atomically (temporary file, then rename).
func (c *statCache) save(file string) error {
	data := c.encode()
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
