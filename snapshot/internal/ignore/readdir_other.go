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

// read appends the folder's entries, unsorted, to ents.
func (f folder) read(_ []byte, ents []dirent) ([]dirent, error) {
	all, err := f.f.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	for _, d := range all {
		ents = append(ents, dirent{dir: f.abs, name: d.Name(), typ: d.Type()})
	}
	return ents, nil
}
