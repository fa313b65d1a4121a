package compute

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

// manifestOf is a manifest with files of the given contents (several
// files may share one) and a symlink, which the SSH counts leave out.
func manifestOf(contents ...string) *snapshot.Manifest {
	m := &snapshot.Manifest{}
	for i, c := range contents {
		m.Entries = append(m.Entries, snapshot.Entry{Path: "f" + string(rune('a'+i)), Kind: snapshot.KindFile,
			Mode: 0o644, Size: int64(len(c)), SHA256: strings.Repeat(c[:1], 64)})
	}
	m.Entries = append(m.Entries, snapshot.Entry{Path: "link", Kind: snapshot.KindSymlink, Mode: 0o777, Target: "fa"})
	return m
}

func TestUploadMeterByContent(t *testing.T) {
	var got []UploadProgress
	m := newUploadMeter(func(p UploadProgress) { got = append(got, p) }).byContent(manifestOf("aaaa", "bb", "aaaa", "cccccc"))
	h := func(c string) string { return strings.Repeat(c, 64) }

	m.present(h("a"), 4)
	require.Empty(t, got, "nothing is reported before something is sent")
	m.sent(h("b"), 2)
	m.present(h("a"), 4) // reported again: counted once
	m.sent(h("c"), 6)    // completes the counts: held for finish
	require.Len(t, got, 1)
	require.Equal(t, 3, got[0].FilesDone, "both files of content a, and b")
	require.Equal(t, 4, got[0].FilesTotal, "files only, not the symlink")
	require.Equal(t, int64(10), got[0].BytesDone)
	require.Equal(t, int64(16), got[0].BytesTotal)
	require.Equal(t, int64(2), got[0].BytesSent)
	require.False(t, got[0].Complete())

	m.finish(8)
	m.finish(8)
	m.sent(h("b"), 2)
	require.Len(t, got, 2, "one final call, nothing after it")
	last := got[1]
	require.True(t, last.Complete())
	require.Equal(t, int64(8), last.BytesSent)
	require.Positive(t, last.BytesPerSecond)
	require.InDelta(t, float64(last.BytesSent)/last.Elapsed.Seconds(), last.BytesPerSecond, 1e-6)
}

func TestUploadMeterSilentWithoutWork(t *testing.T) {
	calls := 0
	m := newUploadMeter(func(UploadProgress) { calls++ }).byContent(manifestOf("aa", "b"))
	m.present(strings.Repeat("a", 64), 2)
	m.present(strings.Repeat("b", 64), 1)
	m.finish(0)
	require.Zero(t, calls, "a target that holds everything hears of no upload")

	var nilMeter *uploadMeter
	require.Nil(t, newUploadMeter(nil, nil))
	require.Nil(t, nilMeter.byContent(manifestOf("a")))
	nilMeter.sent("x", 1)
	nilMeter.present("x", 1)
	nilMeter.set(1, 1, 1, 1, 1)
	nilMeter.finish(1)
}

func TestUploadMeterSetCallsEveryFunctionInTurn(t *testing.T) {
	var a, b []UploadProgress
	m := newUploadMeter(func(p UploadProgress) { a = append(a, p) }, nil, func(p UploadProgress) { b = append(b, p) })
	var wg sync.WaitGroup
	for i := 1; i <= 8; i++ {
		wg.Go(func() { m.set(i, 8, int64(i*10), 80, int64(i*5)) })
	}
	wg.Wait()
	m.finish(40)
	require.Equal(t, a, b)
	require.NotEmpty(t, a)
	for i := 1; i < len(a); i++ {
		require.GreaterOrEqual(t, a[i].FilesDone, a[i-1].FilesDone, "figures never shrink")
		require.GreaterOrEqual(t, a[i].BytesDone, a[i-1].BytesDone)
		require.GreaterOrEqual(t, a[i].BytesSent, a[i-1].BytesSent)
	}
	require.True(t, a[len(a)-1].Complete())
	for _, p := range a[:len(a)-1] {
		require.False(t, p.Complete(), "only the last call is complete")
	}
}
