package ignore

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSortedCopyAgreesWithComparePathOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab.-_/~\x01\xffz09")
	s := newScratch()
	for round := range 300 {
		seen := map[string]bool{}
		var ents []dirent
		for range rng.IntN(40) {
			name := make([]byte, 1+rng.IntN(12))
			for i := range name {
				name[i] = alphabet[rng.IntN(len(alphabet))]
				if name[i] == '/' {
					name[i] = '.' // '/' never occurs in a name
				}
			}
			if seen[string(name)] {
				continue
			}
			seen[string(name)] = true
			typ := fs.FileMode(0)
			if rng.IntN(3) == 0 {
				typ = fs.ModeDir
			}
			ents = append(ents, dirent{name: string(name), typ: typ})
		}
		want := slices.Clone(ents)
		slices.SortFunc(want, comparePathOrder)
		got := sortedCopy(ents, s)
		require.Equal(t, want, got, fmt.Sprint("round ", round))
		require.Len(t, got, cap(got), "exactly sized")
	}
}

func TestPrefixKey(t *testing.T) {
	tests := []struct {
		a, b   string
		aDir   bool
		bDir   bool
		wantLT bool // key(a) < key(b); otherwise the keys are equal
	}{
		{a: "a", b: "b", wantLT: true},
		{a: "a", b: "a-", aDir: false, wantLT: true},
		{a: "a-", b: "a", bDir: true, wantLT: true}, // '-' < '/'
		{a: "a", b: "a0", aDir: true, wantLT: true}, // '/' < '0'
		{a: "abcdefgh", b: "abcdefgh1"},             // equal: needs the full compare
		{a: "abcdefg", b: "abcdefg", bDir: true, wantLT: true},
	}
	for _, tt := range tests {
		t.Run(tt.a+" "+tt.b, func(t *testing.T) {
			ka, kb := prefixKey(tt.a, tt.aDir), prefixKey(tt.b, tt.bDir)
			if tt.wantLT {
				require.Less(t, ka, kb)
			} else {
				require.Equal(t, ka, kb)
			}
		})
	}
}
