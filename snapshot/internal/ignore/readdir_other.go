//go:build !linux

package ignore

import (
	"io/fs"
	"os"
)

// direntBufSize is unused outside Linux.
const direntBufSize = 0

// readEntries lists the folder at abs (unsorted) with os.File.ReadDir.
func readEntries(abs string, _ []byte) ([]fs.DirEntry, error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
}
