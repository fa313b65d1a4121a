package conda

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse. Parse must not panic, and
// whatever it accepts must survive Marshal -> Parse with an Equal value, the
// same Hash, and byte-identical output on a second Marshal.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.yml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"dependencies: []\n",
		"dependencies: [numpy==]\n",
		"dependencies:\n  - pip:\n      - -e .\n      - --index-url=https://x\n",
		"variables: {A: 1, B: ~}\n",
		"channels: [&c conda-forge, *c]\n",
		"name: 'x'\n---\nname: y\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			return
		}
		out, err := d.Marshal()
		if err != nil {
			t.Fatalf("marshal of parsed value: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("reparse of our own output: %v\n%s", err, out)
		}
		if !d.Equal(again) {
			t.Fatalf("round trip changed the value:\n%s", out)
		}
		if d.Hash() != again.Hash() {
			t.Fatalf("round trip changed the hash:\n%s", out)
		}
		out2, err := again.Marshal()
		if err != nil || string(out2) != string(out) {
			t.Fatalf("marshal not deterministic (%v):\n%s\n---\n%s", err, out, out2)
		}
	})
}
