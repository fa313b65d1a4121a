package runconfig

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the .runconfig parser. It must never
// panic, and whatever it accepts must survive Marshal and Parse unchanged,
// with a second Marshal giving the same bytes.
func FuzzLoad(f *testing.F) {
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, Extension) {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil {
			f.Add(data)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("nodeCount: two\n"))
	f.Add([]byte("script: &a x\nother: *a\nenvironment: {environmentVariables: {A: '1'}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rc, err := Parse(data)
		if err != nil {
			return
		}
		_ = rc.Validate()
		out, err := rc.Marshal()
		if err != nil {
			t.Fatalf("marshal of a parsed document failed: %v\ninput:\n%s", err, data)
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("output does not parse: %v\ninput:\n%q\noutput:\n%s", err, data, out)
		}
		if !rc.Equal(back) {
			t.Fatalf("round trip changed the settings\ninput:\n%q\noutput:\n%s", data, out)
		}
		again, err := back.Marshal()
		if err != nil {
			t.Fatalf("second marshal failed: %v", err)
		}
		if string(again) != string(out) {
			t.Fatalf("marshal is not stable\nfirst:\n%s\nsecond:\n%s", out, again)
		}
	})
}
