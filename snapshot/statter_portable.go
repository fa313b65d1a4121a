//go:build !(linux && (amd64 || arm64))

package snapshot

// statter stats the entries of one source folder with os.Lstat.
type statter struct{ root string }

func newStatter(root string) *statter { return &statter{root: root} }

// close does nothing; os.Lstat holds no descriptor.
func (s *statter) close() {}

// stat fills e and st from one Lstat (and a Readlink for a symlink).
func (s *statter) stat(e *Entry, st *fileStat) error { return statEntry(s.root, e, st) }
