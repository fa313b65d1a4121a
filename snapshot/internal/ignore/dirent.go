package ignore

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// dirent is an fs.DirEntry read without a stat call. The entries of one
// folder live in one slice, so a folder costs one allocation, not one per
// entry.
type dirent struct {
	dir  string // the OS path of the folder holding the entry
	name string
	rel  string // slash path relative to the walk's root (set for kept entries)
	typ  fs.FileMode
	// stated says info holds the lstat result (or error) taken while
	// listing (Options.Stat). It lives in the entry, so the stats of a
	// folder share the entries' one allocation.
	stated bool
	info   fileInfo
}

// Name returns the entry's name.
func (d *dirent) Name() string { return d.name }

// IsDir reports whether the entry is a folder (never true for a symlink).
func (d *dirent) IsDir() bool { return d.typ.IsDir() }

// Type returns the entry's type bits.
func (d *dirent) Type() fs.FileMode { return d.typ }

// Info returns the entry's lstat information: the result taken while the
// folder was listed when [Options.Stat] asked for it, a fresh os.Lstat
// otherwise.
func (d *dirent) Info() (fs.FileInfo, error) {
	if !d.stated {
		return os.Lstat(filepath.Join(d.dir, d.name))
	}
	if d.info.err != nil {
		return nil, d.info.err
	}
	return &d.info, nil
}

// String formats the entry like fs.FormatDirEntry.
func (d *dirent) String() string { return fs.FormatDirEntry(d) }

// FileStat is the lstat result that [Walk] hands over with [Options.Stat]:
// the Sys value of the fs.FileInfo that the entry's Info method returns.
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

// fileInfo is an fs.FileInfo built from a FileStat, or the error of the
// lstat that should have filled it.
type fileInfo struct {
	name string
	st   FileStat
	err  error
}

// Name returns the base name.
func (fi *fileInfo) Name() string { return fi.name }

// Size returns the length in bytes.
func (fi *fileInfo) Size() int64 { return fi.st.Size }

// Mode returns the type and permission bits.
func (fi *fileInfo) Mode() fs.FileMode { return fi.st.Mode }

// ModTime returns the modification time.
func (fi *fileInfo) ModTime() time.Time { return time.Unix(0, fi.st.MTime) }

// IsDir reports whether the entry is a folder.
func (fi *fileInfo) IsDir() bool { return fi.st.Mode.IsDir() }

// Sys returns the *FileStat.
func (fi *fileInfo) Sys() any { return &fi.st }
