package snapshot_test

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/snapshot"
)

var packTree = map[string]string{
	"train.py": "print('hi')\n", "bin/run.sh*": "#!/bin/sh\necho hi\n", "data/a.csv": "1,2\n",
	"data/link": "->a.csv", "top": "->data", "empty": "",
	strings.Repeat("long/", 30) + "name.txt": "deep",
}

func takePacked(t *testing.T) (string, *snapshot.Manifest, []byte) {
	dir := t.TempDir()
	writeTree(t, dir, packTree)
	m, err := snapshot.Take(t.Context(), dir, noCache())
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, m.Pack(t.Context(), dir, &buf))
	return dir, m, buf.Bytes()
}

func TestPackUnpackRoundTrip(t *testing.T) {
	_, m, tarball := takePacked(t)
	// Deterministic: the same bytes from another folder with the same content.
	other := t.TempDir()
	writeTree(t, other, packTree)
	var again bytes.Buffer
	require.NoError(t, m.Pack(t.Context(), other, &again))
	require.Equal(t, tarball, again.Bytes())

	for name, opts := range map[string]*snapshot.UnpackOptions{"verified": {Manifest: m}, "plain": nil} {
		t.Run(name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "out")
			require.NoError(t, snapshot.Unpack(t.Context(), bytes.NewReader(tarball), dest, opts))
			back, err := snapshot.Take(t.Context(), dest, noCache())
			require.NoError(t, err)
			require.Equal(t, m.Entries, back.Entries)
			require.Equal(t, m.ID(), back.ID())
			fi, err := os.Stat(filepath.Join(dest, "bin", "run.sh"))
			require.NoError(t, err)
			require.Equal(t, os.FileMode(0o755), fi.Mode().Perm())
		})
	}
}

func TestPackDetectsChangedSource(t *testing.T) {
	for name, change := range map[string]func(dir string){
		"content": func(dir string) { writeTree(t, dir, map[string]string{"train.py": "print('HI')\n"}) },
		"size":    func(dir string) { writeTree(t, dir, map[string]string{"train.py": "x"}) },
		"removed": func(dir string) { require.NoError(t, os.Remove(filepath.Join(dir, "train.py"))) },
	} {
		t.Run(name, func(t *testing.T) {
			dir, m, _ := takePacked(t)
			change(dir)
			err := m.Pack(t.Context(), dir, &bytes.Buffer{})
			require.Error(t, err)
			if name != "removed" {
				var me *snapshot.MismatchError
				require.ErrorAs(t, err, &me)
				require.Equal(t, "train.py", me.Path)
			} else {
				require.ErrorIs(t, err, os.ErrNotExist)
			}
		})
	}
}

// tarEntry is one entry of a hand-made tar stream.
type tarEntry struct {
	name, link, body string
	typ              byte
}

func makeTar(t *testing.T, entries ...tarEntry) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		typ := e.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		hdr := &tar.Header{Name: e.name, Linkname: e.link, Typeflag: typ, Mode: 0o644, Size: int64(len(e.body))}
		if typ != tar.TypeReg {
			hdr.Size = 0
		}
		require.NoError(t, tw.WriteHeader(hdr))
		if hdr.Size > 0 {
			_, err := tw.Write([]byte(e.body))
			require.NoError(t, err)
		}
	}
	require.NoError(t, tw.Close())
	return buf.Bytes()
}

func TestUnpackRejectsUnsafeEntries(t *testing.T) {
	f := func(name string) tarEntry { return tarEntry{name: name, body: "x"} }
	l := func(name, target string) tarEntry { return tarEntry{name: name, link: target, typ: tar.TypeSymlink} }
	tests := []struct {
		name    string
		entries []tarEntry
		bad     string
		reason  snapshot.UnsafeReason
	}{
		{"absolute", []tarEntry{f("/etc/passwd")}, "/etc/passwd", snapshot.UnsafeAbsolute},
		{"dotdot", []tarEntry{f("../evil")}, "../evil", snapshot.UnsafeParent},
		{"inner dotdot", []tarEntry{f("a/../../evil")}, "a/../../evil", snapshot.UnsafeParent},
		{"backslash dotdot", []tarEntry{f("a\\..\\..\\evil")}, "a\\..\\..\\evil", snapshot.UnsafeParent},
		{"dot", []tarEntry{f("./a")}, "./a", snapshot.UnsafeName},
		{"empty element", []tarEntry{f("a//b")}, "a//b", snapshot.UnsafeName},
		{"absolute link", []tarEntry{l("l", "/etc")}, "l", snapshot.UnsafeLink},
		{"climbing link", []tarEntry{l("a/l", "../../x")}, "a/l", snapshot.UnsafeLink},
		{"link through link", []tarEntry{l("s", "."), l("l", "s/../x")}, "l", snapshot.UnsafeLink},
		{"link through later link", []tarEntry{l("l", "s/../x"), l("s", ".")}, "l", snapshot.UnsafeLink},
		{"file under link", []tarEntry{l("d", "sub"), f("d/x")}, "d/x", snapshot.UnsafeUnderLink},
		{"link after its child", []tarEntry{f("d/x"), l("d", "sub")}, "d/x", snapshot.UnsafeUnderLink},
		{"file under later link", []tarEntry{{name: "e/", typ: tar.TypeDir}, f("e/x"), l("e", "y")}, "e", snapshot.UnsafeDuplicate},
		{"duplicate file", []tarEntry{f("a"), f("a")}, "a", snapshot.UnsafeDuplicate},
		{"under a file", []tarEntry{f("a"), f("a/b")}, "a/b", snapshot.UnsafeDuplicate},
		{"hard link", []tarEntry{f("a"), {name: "h", link: "a", typ: tar.TypeLink}}, "h", snapshot.UnsafeType},
		{"char device", []tarEntry{{name: "null", typ: tar.TypeChar}}, "null", snapshot.UnsafeType},
		{"fifo", []tarEntry{{name: "p", typ: tar.TypeFifo}}, "p", snapshot.UnsafeType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "out")
			err := snapshot.Unpack(t.Context(), bytes.NewReader(makeTar(t, tt.entries...)), dest, nil)
			var ue *snapshot.UnsafeEntryError
			require.ErrorAs(t, err, &ue)
			require.Equal(t, tt.bad, ue.Name)
			require.Equal(t, tt.reason, ue.Reason)
			require.Contains(t, err.Error(), "snapshot: unsafe tar entry "+`"`+strings.ReplaceAll(tt.bad, `\`, `\\`)+`"`)
			names, err := os.ReadDir(parent)
			require.NoError(t, err)
			require.Len(t, names, 1, "nothing written beside dest")
		})
	}
}

func TestUnpackVerifiesManifest(t *testing.T) {
	_, m, tarball := takePacked(t)
	tamper := func(s string) []byte { return bytes.Replace(tarball, []byte("print('hi')"), []byte(s), 1) }
	other := &snapshot.Manifest{Entries: append([]snapshot.Entry{{Path: "aaa", Kind: snapshot.KindFile, Mode: 0o644, SHA256: sha("")}}, m.Entries...)}
	tests := []struct {
		name  string
		tar   []byte
		want  *snapshot.Manifest
		path  string
		field string
	}{
		{"content", tamper("print('HI')"), m, "train.py", "sha256"},
		{"missing", tarball, other, "aaa", "missing"},
		{"unexpected", makeTar(t, tarEntry{name: "zzz", body: "x"}), m, "zzz", "unexpected"},
		{"size", makeTar(t, tarEntry{name: "train.py", body: "x"}), m, "train.py", "size"},
		{"kind", makeTar(t, tarEntry{name: "top", body: "x"}), m, "top", "kind"},
		{"target", makeTar(t, tarEntry{name: "top", link: "bin", typ: tar.TypeSymlink}), m, "top", "target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := snapshot.Unpack(t.Context(), bytes.NewReader(tt.tar), t.TempDir(), &snapshot.UnpackOptions{Manifest: tt.want})
			var me *snapshot.MismatchError
			require.ErrorAs(t, err, &me)
			require.Equal(t, tt.path, me.Path)
			require.Equal(t, tt.field, me.Field)
			require.Contains(t, err.Error(), "snapshot: "+tt.path+": ")
		})
	}
}

func TestUnpackNeedsEmptyDestination(t *testing.T) {
	_, _, tarball := takePacked(t)
	dest := t.TempDir()
	writeTree(t, dest, map[string]string{"keep": "x"})
	err := snapshot.Unpack(t.Context(), bytes.NewReader(tarball), dest, nil)
	require.ErrorContains(t, err, "snapshot: unpack: destination "+dest+" is not empty")
}
