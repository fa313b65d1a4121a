//go:build linux

package ignore

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// record builds one linux_dirent64 record, padded to 8 bytes.
func record(ino uint64, typ byte, name string) []byte {
	n := (19 + len(name) + 1 + 7) &^ 7
	b := make([]byte, n)
	binary.NativeEndian.PutUint64(b[0:8], ino)
	binary.NativeEndian.PutUint16(b[16:18], uint16(n))
	b[18] = typ
	copy(b[19:], name)
	return b
}

func TestParseDirents(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "unknown-file"), nil, 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "unknown-dir"), 0o755))
	var chunk []byte
	for _, r := range [][]byte{
		record(1, syscall.DT_DIR, "."),
		record(1, syscall.DT_DIR, ".."),
		record(2, syscall.DT_REG, "f"),
		record(0, syscall.DT_REG, "deleted"),
		record(3, syscall.DT_LNK, "l"),
		record(4, syscall.DT_FIFO, "p"),
		record(5, syscall.DT_UNKNOWN, "unknown-file"),
		record(6, syscall.DT_UNKNOWN, "unknown-dir"),
		record(7, syscall.DT_UNKNOWN, "gone"),
	} {
		chunk = append(chunk, r...)
	}
	got := map[string]fs.FileMode{}
	for _, d := range parseDirents(dir, string(chunk), nil) {
		got[d.name] = d.typ
	}
	require.Equal(t, map[string]fs.FileMode{
		"f": 0, "l": fs.ModeSymlink, "p": fs.ModeNamedPipe,
		"unknown-file": 0, "unknown-dir": fs.ModeDir, "gone": fs.ModeIrregular,
	}, got)
}
