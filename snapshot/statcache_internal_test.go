package snapshot

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// record is one decoded stat cache record.
type record struct {
	path string
	st   fileStat
	sha  string
}

// encodeRecords builds a cache file of the records.
func encodeRecords(root string, written int64, recs []record) []byte {
	enc := newCacheEncoder(root, written, len(recs))
	for _, r := range recs {
		enc.add(r.path, r.st, r.sha)
	}
	return enc.finish()
}

// records reads back every record of c.
func records(c *statCache) []record {
	var out []record
	cur := cacheCursor{data: c.records}
	for cur.next() {
		out = append(out, record{cur.path, cur.st, cur.sha})
	}
	return out
}

func TestStatCacheCodecRoundTrip(t *testing.T) {
	recs := []record{
		{"a\nnewline", fileStat{Size: 1, MTime: -5, CTime: 7, Ino: 1 << 63, Mode: 0o100644}, strings.Repeat("a", 64)},
		{"plain.txt", fileStat{Size: 0, MTime: 1, Mode: 0o644}, strings.Repeat("b", 64)},
		{"q-extremes", fileStat{Size: math.MaxInt64, MTime: math.MinInt64, CTime: 1_764_000_000_123_456_789, Ino: math.MaxUint64, Mode: math.MaxUint32}, ""},
		{"ümlaut\\back", fileStat{}, "c"},
	}
	c, err := decodeStatCache(encodeRecords(`/src/with "quote"`, 1_700_000_000_123_456_789, recs))
	require.NoError(t, err)
	require.Equal(t, `/src/with "quote"`, c.Root)
	require.Equal(t, int64(1_700_000_000_123_456_789), c.Written)
	require.Equal(t, 4, c.count)
	require.Equal(t, recs, records(c))

	empty, err := decodeStatCache(encodeRecords("/r", -1, nil))
	require.NoError(t, err)
	require.Equal(t, int64(-1), empty.Written)
	require.Empty(t, records(empty))
}

func TestStatCacheCodecRejectsOtherLayouts(t *testing.T) {
	recs := []record{{path: "b", sha: "1"}, {path: "c", sha: "2"}}
	good := encodeRecords("/r", 0, recs)
	for name, data := range map[string][]byte{
		"empty":          nil,
		"short":          good[:10],
		"truncated":      good[:len(good)-3],
		"trailing":       append(append([]byte{}, good...), 'x'),
		"bad checksum":   append(append([]byte{}, good[:len(good)-1]...), good[len(good)-1]^1),
		"other magic":    append([]byte("azmlsc\x00\x01"), good[8:]...),
		"unsorted":       encodeRecords("/r", 0, []record{recs[1], recs[0]}),
		"duplicate":      encodeRecords("/r", 0, []record{recs[0], recs[0]}),
		"root too long":  patch(good, 16, 0xff, 0xff, 0xff, 0x7f),
		"count too high": patch(good, 22, 3),
		"count too low":  patch(good, 22, 1),
		"path too long":  patch(good, 26+36, 0xff, 0xff),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := decodeStatCache(data)
			require.ErrorIs(t, err, errCacheLayout)
		})
	}
}

// patch returns a copy of a cache file with bytes set at off and the
// checksum fixed, so that only the layout checks can reject it.
func patch(data []byte, off int, b ...byte) []byte {
	out := append([]byte{}, data...)
	copy(out[off:], b)
	n := len(out) - 4
	binary.LittleEndian.PutUint32(out[n:], crc32Checksum(out[:n]))
	return out
}

// TestStatCacheHashOfOtherLengthIsRehashed writes a cache whose records
// match the files' stats but whose hashes are not hex SHA-256s: the file
// with the short hash is hashed again, the other comes from the cache, and
// both hashes stay valid after Take has released the cache file.
func TestStatCacheHashOfOtherLengthIsRehashed(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	old := time.Now().Add(-time.Hour)
	for _, name := range []string{"long", "short"} {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(name), 0o644))
		require.NoError(t, os.Chtimes(p, old, old))
	}
	stat := func(name string) fileStat {
		fi, err := os.Lstat(filepath.Join(dir, name))
		require.NoError(t, err)
		return statOf(fi)
	}
	fake := strings.Repeat("f", shaHexLen)
	opts := &Options{StatCacheDir: cacheDir}
	s, err := opts.resolve(dir)
	require.NoError(t, err)
	require.NoError(t, saveCache(s.cacheFile, encodeRecords(dir, time.Now().UnixNano(), []record{
		{"long", stat("long"), fake},
		{"short", stat("short"), "abc"},
	})))

	m, err := Take(t.Context(), dir, opts)
	require.NoError(t, err)
	require.Equal(t, 1, m.Stats.HashedFiles)
	require.Equal(t, 1, m.Stats.CachedFiles)
	sum := sha256.Sum256([]byte("short"))
	require.Equal(t, fake, m.Entries[0].SHA256)
	require.Equal(t, hex.EncodeToString(sum[:]), m.Entries[1].SHA256)
}
