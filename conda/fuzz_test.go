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

// FuzzEntries feeds arbitrary strings to every setter. Whatever a setter
// accepts must be written by Marshal in a form that Parse accepts and reads
// back to an Equal value with the same Hash.
func FuzzEntries(f *testing.F) {
	for _, s := range []string{
		"numpy>=1.24,<2", "numpy=1.24.2=py311h8e6699e_0", "conda-forge::scipy",
		"requests==2.31.0", "-e .", "git+https://github.com/o/r.git#egg=r",
		"--index-url https://pypi.org/simple", "conda-forge", "3.10", "yes", "'quoted'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := New(nil)
		if err != nil {
			t.Fatal(err)
		}
		d.SetName(s)
		d.SetVariable(s, s)
		_ = d.AddCondaPackage(s)
		_ = d.AddPipPackage(s)
		_ = d.AddChannel(s)
		_ = d.SetPipOption(s)
		_ = d.SetPythonVersion(s)
		out, err := d.Marshal()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("parse of our own output: %v\n%s", err, out)
		}
		if !d.Equal(again) || d.Hash() != again.Hash() {
			t.Fatalf("round trip changed the value:\n%s", out)
		}
	})
}
