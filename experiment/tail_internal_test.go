package experiment

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTailWriter(t *testing.T) {
	cases := []struct {
		name   string
		writes []string
		want   []string
	}{
		{"empty", nil, nil},
		{"one partial", []string{"abc"}, []string{"abc"}},
		{"split lines", []string{"a", "b\nc", "\n", "d"}, []string{"ab", "c", "d"}},
		{"crlf", []string{"x\r\ny\r\n"}, []string{"x", "y"}},
		{"keeps last 3", []string{"1\n2\n3\n4\n5\n"}, []string{"3", "4", "5"}},
		{"long line cut", []string{strings.Repeat("z", maxLine+10) + "\n"}, []string{strings.Repeat("z", maxLine)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tw := newTailWriter(3)
			for _, w := range c.writes {
				n, err := tw.Write([]byte(w))
				require.NoError(t, err)
				require.Equal(t, len(w), n)
			}
			require.Equal(t, c.want, tw.Lines())
		})
	}
	tw := newTailWriter(20)
	for i := range 1000 {
		fmt.Fprintf(tw, "line %d\n", i)
	}
	got := tw.Lines()
	require.Len(t, got, 20)
	require.Equal(t, "line 999", got[19])
	require.LessOrEqual(t, cap(tw.lines), 200, "memory stays bounded")
}

func TestIndexNewestFirstLastStatusWins(t *testing.T) {
	path := t.TempDir() + "/exp/runs.jsonl"
	require.NoError(t, appendIndex(path, indexLine{ID: "a", Status: StatusNotStarted, Nanos: 1}))
	require.NoError(t, appendIndex(path, indexLine{ID: "b", Status: StatusNotStarted, Nanos: 2}))
	require.NoError(t, appendIndex(path, indexLine{ID: "a", Status: StatusCompleted}))
	runs, err := readIndex(path)
	require.NoError(t, err)
	require.Equal(t, []string{"b", "a"}, []string{runs[0].ID, runs[1].ID})
	require.Equal(t, StatusCompleted, runs[1].Status)
	require.Equal(t, StatusNotStarted, runs[0].Status)
	none, err := readIndex(t.TempDir() + "/missing")
	require.NoError(t, err)
	require.Empty(t, none)
}
