//go:build linux && (amd64 || arm64)

package snapshot

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"syscall"
)

// statter stats the entries of one source folder with fstatat(2) relative
// to an open descriptor of the entry's folder: the kernel resolves one path
// element instead of the whole absolute path, and no os.FileInfo is
// allocated. A worker uses one statter for its contiguous, sorted share of
// entries, so the folder descriptor changes only when the folder does.
type statter struct {
	root string // absolute source folder
	dir  string // slash path of the open folder, "" for the root, with a trailing "/" otherwise
	fd   int    // descriptor of dir, or -1
}

func newStatter(root string) *statter { return &statter{root: root, fd: -1} }

// close releases the folder descriptor.
func (s *statter) close() {
	if s.fd >= 0 {
		_ = syscall.Close(s.fd)
		s.fd = -1
	}
}

// stat fills e and st from one fstatat (and a readlink for a symlink).
func (s *statter) stat(e *Entry, st *fileStat) error {
	dir, name := path.Split(e.Path)
	if s.fd < 0 || dir != s.dir {
		s.close()
		fd, err := syscall.Open(s.root+"/"+dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != nil {
			return statEntry(s.root, e, st) // reports the error with its path
		}
		s.fd, s.dir = fd, dir
	}
	var sys syscall.Stat_t
	if err := fstatat(s.fd, name, &sys); err != nil {
		return fmt.Errorf("snapshot: %w", &fs.PathError{Op: "lstat", Path: s.root + "/" + e.Path, Err: err})
	}
	switch sys.Mode & syscall.S_IFMT {
	case syscall.S_IFLNK:
		target, err := os.Readlink(s.root + "/" + e.Path)
		if err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
		e.Kind, e.Mode, e.Target = KindSymlink, 0o777, target
	case syscall.S_IFREG:
		perm := fs.FileMode(sys.Mode) & fs.ModePerm
		e.Kind, e.Mode, e.Size = KindFile, perm, sys.Size
		*st = fileStat{Size: sys.Size, MTime: sys.Mtim.Nano(), CTime: sys.Ctim.Nano(), Ino: uint64(sys.Ino), Mode: uint32(perm)}
	default:
		return fmt.Errorf("snapshot: %s is no longer a regular file or symlink (mode %#o)", e.Path, sys.Mode)
	}
	return nil
}
