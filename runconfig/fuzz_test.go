package runconfig

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the .runconfig parser. It must never
// panic; whatever it accepts must survive Marshal and Parse with the same
// settings, and rewriting what Marshal wrote must give the same bytes.
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
		// yaml.v3 may attach a comment to a different node when it reads
		// back what it wrote (a foot comment becomes the next key's head
		// comment), so byte stability is required from the first rewrite
		// on: a file this package wrote is rewritten unchanged.
		second, err := back.Marshal()
		if err != nil {
			t.Fatalf("second marshal failed: %v", err)
		}
		third, err := Parse(second)
		if err != nil {
			t.Fatalf("second output does not parse: %v\n%s", err, second)
		}
		if !rc.Equal(third) {
			t.Fatalf("second round trip changed the settings\ninput:\n%q", data)
		}
		again, err := third.Marshal()
		if err != nil {
			t.Fatalf("third marshal failed: %v", err)
		}
		if string(again) != string(second) {
			t.Fatalf("marshal is not stable\ninput:\n%q\nsecond:\n%s\nthird:\n%s", data, second, again)
		}
	})
}
