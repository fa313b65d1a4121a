//go:build !linux

package ignore

import "os"

// direntBufSize is unused outside Linux.
const direntBufSize = 0

// folder is an open folder, read with os.File.ReadDir.
type folder struct {
	abs string
	f   *os.File
}

// openFolder opens the folder at abs.
func openFolder(abs string) (folder, error) {
	f, err := os.Open(abs)
	return folder{abs: abs, f: f}, err
}

// close releases the folder.
func (f folder) close() {
	if f.f != nil {
		_ = f.f.Close()
	}
}

// read returns the folder's entries, unsorted.
func (f folder) read([]byte) ([]dirent, error) {
	all, err := f.f.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	ents := make([]dirent, len(all))
	for i, d := range all {
		ents[i] = dirent{dir: f.abs, name: d.Name(), typ: d.Type()}
	}
	return ents, nil
}

// statFiles does nothing here: Info falls back to os.Lstat, whose Sys
// value carries what this platform knows.
func (folder) statFiles(_ []dirent, _ bool, cname []byte) []byte { return cname }

// isLocalFS is only used on Linux.
func isLocalFS(string) bool { return false }
