package remotesync

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/azureml-go/azureml/internal/sshx"
	"github.com/azureml-go/azureml/snapshot"
)

// findMissing sends the object names (gzip) and returns the objects the
// host lacks; the same command creates their fan-out folders.
func findMissing(ctx context.Context, c *sshx.Client, store string, objs []object, st *Stats) ([]object, error) {
	if len(objs) == 0 {
		return nil, nil
	}
	var list strings.Builder
	for _, o := range objs {
		list.WriteString(objectName(o.hash))
		list.WriteByte('\n')
	}
	cmd := fmt.Sprintf(`set -e; mkdir -p %[1]s/objects %[1]s/manifests; cd %[1]s/objects; d=''; `+
		`gzip -dc | { while IFS= read -r h; do [ -e "$h" ] || { echo "$h"; d="$d ${h%%/*}"; }; done; `+
		`[ -z "$d" ] || mkdir -p $d; }`, quote(store))
	out, err := runGzip(ctx, c, cmd, []byte(list.String()), st)
	if err != nil {
		return nil, fmt.Errorf("remotesync: list objects in %s: %w", store, err)
	}
	absent := make(map[string]bool)
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			absent[path.Base(l)] = true
		}
	}
	var missing []object
	for _, o := range objs {
		if absent[o.hash] {
			missing = append(missing, o)
		}
	}
	return missing, nil
}

// materialize records the manifest in the store and builds dest from the
// objects, with one command whose script arrives gzip-compressed on stdin.
func materialize(ctx context.Context, c *sshx.Client, m *snapshot.Manifest, store, dest string, st *Stats) error {
	js, err := m.MarshalJSON()
	if err != nil {
		return fmt.Errorf("remotesync: %w", err)
	}
	script := buildScript(m, js, store, dest)
	if _, err := runGzip(ctx, c, "gzip -dc | sh -s", script, st); err != nil {
		return fmt.Errorf("remotesync: materialize %s: %w", dest, err)
	}
	return nil
}

// eof ends the here-documents; a manifest's JSON is one line, so it can
// never hold this line.
const eof = "AZUREML_REMOTESYNC_EOF"

// buildScript writes the shell script that stores the manifest and
// creates dest's folders, files (copies of objects, then chmod by mode)
// and symlinks.
func buildScript(m *snapshot.Manifest, manifestJSON []byte, store, dest string) []byte {
	var b bytes.Buffer
	id := m.ID()
	fmt.Fprintf(&b, "set -e\numask 022\nS=%s\nmkdir -p \"$S/manifests\" %s\ncd %s\n", quote(store), quote(dest), quote(dest))
	fmt.Fprintf(&b, "cat > \"$S/manifests/.%[1]s.tmp$$\" <<'%[2]s'\n%[3]s\n%[2]s\nmv -f \"$S/manifests/.%[1]s.tmp$$\" \"$S/manifests/%[1]s.json\"\n",
		id, eof, manifestJSON)
	dirs := map[string]bool{}
	byMode := map[fs.FileMode][]string{}
	for _, e := range m.Entries {
		if d := path.Dir(e.Path); d != "." {
			dirs[d] = true
		}
		if e.Kind == snapshot.KindFile {
			byMode[e.Mode] = append(byMode[e.Mode], e.Path)
		}
	}
	batch(&b, "mkdir -p", slices.Sorted(maps.Keys(dirs)))
	b.WriteString("c() { [ ! -L \"$2\" ] || rm -f \"$2\"; cp \"$S/objects/$1\" \"$2\"; }\n")
	for _, e := range m.Entries {
		switch e.Kind {
		case snapshot.KindFile:
			fmt.Fprintf(&b, "c %s %s\n", objectName(e.SHA256), quote(e.Path))
		case snapshot.KindSymlink:
			fmt.Fprintf(&b, "rm -rf %[1]s; ln -s %[2]s %[1]s\n", quote(e.Path), quote(e.Target))
		}
	}
	for _, mode := range slices.Sorted(maps.Keys(byMode)) {
		batch(&b, "chmod "+strconv.FormatUint(uint64(mode), 8), byMode[mode])
	}
	return b.Bytes()
}

// batch writes cmd with args quoted, at most 256 per line.
func batch(b *bytes.Buffer, cmd string, args []string) {
	for len(args) > 0 {
		n := min(len(args), 256)
		b.WriteString(cmd)
		for _, a := range args[:n] {
			b.WriteByte(' ')
			b.WriteString(quote(a))
		}
		b.WriteByte('\n')
		args = args[n:]
	}
}

// runGzip runs cmd with data gzip-compressed on its stdin, counting the
// compressed bytes in st.ControlBytes.
func runGzip(ctx context.Context, c *sshx.Client, cmd string, data []byte, st *Stats) ([]byte, error) {
	z := gzipped(data)
	st.ControlBytes += int64(len(z))
	return c.RunInput(ctx, cmd, bytes.NewReader(z))
}

// gzipped returns data gzip-compressed (fastest level).
func gzipped(data []byte) []byte {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestSpeed)
	_, _ = zw.Write(data)
	_ = zw.Close()
	return z.Bytes()
}

// quote returns s as one single-quoted POSIX shell word.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
