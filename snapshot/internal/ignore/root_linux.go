//go:build linux

package ignore

import (
	"io/fs"
	"syscall"
)

// Root is an open folder whose files are lstat'ed relative to it with
// fstatat, as git lstats paths relative to its work tree: a path's walk
// starts at the folder, not at "/". Lstat is safe for concurrent use.
type Root struct {
	abs string
	fd  int
}

// OpenRoot opens the folder abs for Lstat calls.
func OpenRoot(abs string) (*Root, error) {
	fd, err := openDir(abs)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: abs, Err: err}
	}
	return &Root{abs: abs, fd: fd}, nil
}

// Close releases the folder.
func (r *Root) Close() error { return syscall.Close(r.fd) }

// Lstat lstats the slash-separated path rel below the root into st,
// without following a final symlink. buf is scratch space for the
// NUL-terminated path; Lstat returns it for reuse. An error is an
// *fs.PathError naming the full path.
func (r *Root) Lstat(rel string, st *FileStat, buf []byte) ([]byte, error) {
	buf = append(append(buf[:0], rel...), 0)
	var sys syscall.Stat_t
	if err := fstatat(r.fd, r.abs, buf, &sys); err != nil {
		return buf, &fs.PathError{Op: "lstat", Path: r.abs + "/" + rel, Err: err}
	}
	*st = fileStatOf(&sys)
	return buf, nil
}

// FileStat is an lstat result as [Root.Lstat] gives it.
type FileStat struct {
	// Mode holds the type and permission bits, as os.Lstat reports them.
	Mode fs.FileMode
	// Size is the length in bytes.
	Size int64
	// MTime and CTime are the modification and change times, in ns since
	// the Unix epoch.
	MTime, CTime int64
	// Ino is the inode number.
	Ino uint64
}
