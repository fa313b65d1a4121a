package remotesync

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

func file(p, body string) snapshot.Entry {
	return snapshot.Entry{Path: p, Kind: snapshot.KindFile, Mode: 0o644, Size: int64(len(body)),
		SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8" + body[:2]}
}

func digests(m *snapshot.Manifest) []byte {
	var b []byte
	for _, e := range m.Entries {
		d := digestOf(e)
		b = append(b, d[:]...)
	}
	return b
}

func TestNewPlan(t *testing.T) {
	base := &snapshot.Manifest{Entries: []snapshot.Entry{file("a", "a1"), file("b", "b1"), file("c", "c1"), file("d", "d1"), file("e", "e1")}}
	tests := []struct {
		name      string
		entries   []snapshot.Entry
		wholeSent bool
		drops     []int
		adds      []string
	}{
		{"unchanged", base.Entries, false, nil, nil},
		{"one changed, one added, one removed",
			[]snapshot.Entry{file("a", "a1"), file("b", "b2"), file("c", "c1"), file("d", "d1"), file("f", "f1")},
			false, []int{1, 4}, []string{"b", "f"}},
		{"mode changed", []snapshot.Entry{file("a", "a1"), {Path: "b", Kind: snapshot.KindFile, Mode: 0o755, Size: 2,
			SHA256: file("b", "b1").SHA256}, file("c", "c1"), file("d", "d1"), file("e", "e1")}, false, []int{1}, []string{"b"}},
		{"most changed", []snapshot.Entry{file("a", "a2"), file("b", "b2"), file("c", "c2"), file("d", "d1")}, true, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &snapshot.Manifest{Entries: tt.entries}
			p := newPlan(m, base.ID(), digests(base))
			require.Equal(t, m.ID(), p.id)
			if tt.wholeSent {
				require.Empty(t, p.base)
				require.Equal(t, m.AppendCanonical(nil), p.encode())
				return
			}
			require.Equal(t, base.ID(), p.base)
			drops := slices.Clone(p.drops)
			slices.Sort(drops)
			require.Equal(t, tt.drops, drops)
			var adds []string
			for _, e := range p.adds {
				adds = append(adds, e.Path)
			}
			require.Equal(t, tt.adds, adds)
		})
	}
}
