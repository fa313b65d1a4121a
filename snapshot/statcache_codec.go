package snapshot

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The stat cache is JSON in a fixed layout, written and read without
// reflection (a 10,000-file cache decodes in a few milliseconds instead of
// tens with encoding/json):
//
//	{"version":1,"root":"/abs/src","written":<ns>,"files":[
//	["path",size,mtime_ns,ctime_ns,inode,mode,"sha256"],
//	...
//	]}
//
// Any other layout (a hand-edited file, say) fails to decode, and a cache
// that fails to decode is ignored.

var errCacheLayout = errors.New("stat cache: unexpected layout")

// encode returns the cache file's content.
func (c *statCache) encode() []byte {
	b := make([]byte, 0, 64+len(c.Files)*160)
	b = append(b, `{"version":`...)
	b = strconv.AppendInt(b, int64(c.Version), 10)
	b = append(b, `,"root":`...)
	b = appendJSONString(b, c.Root)
	b = append(b, `,"written":`...)
	b = strconv.AppendInt(b, c.Written, 10)
	b = append(b, `,"files":[`...)
	for i, f := range c.Files {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n["...)
		b = appendJSONString(b, f.Path)
		for _, n := range []int64{f.Size, f.MTime, f.CTime} {
			b = append(b, ',')
			b = strconv.AppendInt(b, n, 10)
		}
		b = append(b, ',')
		b = strconv.AppendUint(b, f.Ino, 10)
		b = append(b, ',')
		b = strconv.AppendUint(b, uint64(f.Mode), 10)
		b = append(b, ',')
		b = appendJSONString(b, f.SHA256)
		b = append(b, ']')
	}
	return append(b, "\n]}\n"...)
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			q, _ := json.Marshal(s) // rare: escapes or non-ASCII
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// decodeStatCache parses what encode writes.
// It works on one string so that paths and hashes are substrings of it,
// not one allocation each.
func decodeStatCache(data string) (*statCache, error) {
	d := cacheDecoder{data: data}
	c := &statCache{}
	d.lit(`{"version":`)
	c.Version = int(d.int())
	d.lit(`,"root":`)
	c.Root = d.str()
	d.lit(`,"written":`)
	c.Written = d.int()
	d.lit(`,"files":[`)
	c.Files = make([]cachedFile, 0, strings.Count(d.data, "\n["))
	for d.err == nil && !d.peek("\n]}") {
		if len(c.Files) > 0 {
			d.lit(",")
		}
		var f cachedFile
		d.lit("\n[")
		f.Path = d.str()
		d.lit(",")
		f.Size = d.int()
		d.lit(",")
		f.MTime = d.int()
		d.lit(",")
		f.CTime = d.int()
		d.lit(",")
		f.Ino = d.uint()
		d.lit(",")
		f.Mode = uint32(d.int())
		d.lit(",")
		f.SHA256 = d.str()
		d.lit("]")
		c.Files = append(c.Files, f)
	}
	d.lit("\n]}\n")
	if d.err == nil && len(d.data) != 0 {
		d.err = errCacheLayout
	}
	for i := 1; d.err == nil && i < len(c.Files); i++ {
		if c.Files[i-1].Path >= c.Files[i].Path {
			d.err = errCacheLayout
		}
	}
	return c, d.err
}

// cacheDecoder consumes data token by token; the first error sticks.
type cacheDecoder struct {
	data string
	err  error
}

func (d *cacheDecoder) peek(s string) bool { return strings.HasPrefix(d.data, s) }

// lit consumes the literal s.
func (d *cacheDecoder) lit(s string) {
	if d.err == nil && !d.peek(s) {
		d.err = errCacheLayout
	}
	if d.err == nil {
		d.data = d.data[len(s):]
	}
}

// int consumes a decimal integer (it may be negative). Parsing by hand is
// several times faster than strconv for the 50,000 numbers of a
// 10,000-file cache; times in ns have 19 digits.
func (d *cacheDecoder) int() int64 {
	neg := len(d.data) > 0 && d.data[0] == '-'
	if neg {
		d.data = d.data[1:]
	}
	rest := d.data
	n, ok := d.digits()
	switch {
	case !ok || n > math.MaxInt64+1 || n == math.MaxInt64+1 && !neg:
		d.data = rest
		return d.slowInt(neg)
	case neg:
		return -int64(n)
	}
	return int64(n)
}

// digits consumes 1 to 19 decimal digits, which always fit in a uint64;
// ok is false (and nothing is consumed) for any other token.
func (d *cacheDecoder) digits() (n uint64, ok bool) {
	i := 0
	for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
		n = n*10 + uint64(d.data[i]-'0')
		i++
	}
	if i == 0 || i > 19 {
		return 0, false
	}
	d.data = d.data[i:]
	return n, true
}

// slowInt parses a long or malformed integer with strconv.
func (d *cacheDecoder) slowInt(neg bool) int64 {
	i := 0
	for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
		i++
	}
	tok := d.data[:i]
	if neg {
		tok = "-" + tok
	}
	d.data = d.data[i:]
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil && d.err == nil {
		d.err = errCacheLayout
	}
	return n
}

// uint consumes an unsigned decimal integer.
func (d *cacheDecoder) uint() uint64 {
	if n, ok := d.digits(); ok {
		return n
	}
	i := 0
	for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
		i++
	}
	n, err := strconv.ParseUint(d.data[:i], 10, 64)
	d.data = d.data[i:]
	if err != nil && d.err == nil {
		d.err = errCacheLayout
	}
	return n
}

// str consumes a JSON string. The common string, free of escapes, is a
// substring of the data.
func (d *cacheDecoder) str() string {
	if d.err != nil || len(d.data) == 0 || d.data[0] != '"' {
		d.err = errCacheLayout
		return ""
	}
	if i := strings.IndexByte(d.data[1:], '"') + 1; i > 0 && strings.IndexByte(d.data[1:i], '\\') < 0 {
		tok := d.data[1:i]
		d.data = d.data[i+1:]
		return tok
	}
	escaped := false
	for i := 1; i < len(d.data); i++ {
		switch d.data[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			tok := d.data[:i+1]
			d.data = d.data[i+1:]
			if !escaped {
				return tok[1 : len(tok)-1]
			}
			var s string
			if err := json.Unmarshal([]byte(tok), &s); err != nil {
				d.err = errCacheLayout
			}
			return s
		}
	}
	d.err = errCacheLayout
	return ""
}
