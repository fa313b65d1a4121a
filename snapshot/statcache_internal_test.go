package snapshot

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStatCacheCodecRoundTrip(t *testing.T) {
	c := &statCache{Version: statCacheVersion, Root: `/src/with "quote"`, Written: 1_700_000_000_123_456_789, Files: []cachedFile{
		{Path: "a\nnewline", fileStat: fileStat{Size: 1, MTime: -5, CTime: 7, Ino: 1 << 63, Mode: 0o100644}, SHA256: strings.Repeat("a", 64)},
		{Path: "plain.txt", fileStat: fileStat{Size: 0, MTime: 1, Mode: 0o644}, SHA256: strings.Repeat("b", 64)},
		{Path: "q-extremes", fileStat: fileStat{Size: math.MaxInt64, MTime: math.MinInt64, CTime: 1_764_000_000_123_456_789, Ino: math.MaxUint64}},
		{Path: "ümlaut\\back", SHA256: "c"},
	}}
	data := c.encode()
	var generic map[string]any
	require.NoError(t, json.Unmarshal(data, &generic), "the cache is valid JSON:\n%s", data)
	back, err := decodeStatCache(string(data))
	require.NoError(t, err)
	require.Equal(t, c, back)

	empty, err := decodeStatCache(string((&statCache{Version: 1, Root: "/r"}).encode()))
	require.NoError(t, err)
	require.Empty(t, empty.Files)
}

func TestStatCacheCodecRejectsOtherLayouts(t *testing.T) {
	good := string((&statCache{Version: 1, Root: "/r", Files: []cachedFile{{Path: "b"}, {Path: "c"}}}).encode())
	for name, data := range map[string]string{
		"truncated":         good[:len(good)-3],
		"trailing":          good + "x",
		"unsorted":          strings.Replace(good, `"b"`, `"d"`, 1),
		"bad number":        strings.Replace(good, `"written":0`, `"written":x`, 1),
		"int overflow":      strings.Replace(good, `"written":0`, `"written":9223372036854775808`, 1),
		"negative overflow": strings.Replace(good, `"written":0`, `"written":-9223372036854775809`, 1),
		"unterminated":      `{"version":1,"root":"/r`,
		"bad escape":        strings.Replace(good, `"/r"`, `"/\q"`, 1),
		"indented json":     strings.ReplaceAll(good, ",", ", "),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := decodeStatCache(data)
			require.ErrorIs(t, err, errCacheLayout)
		})
	}
}
