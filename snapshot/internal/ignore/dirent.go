package ignore

import (
	"io/fs"
	"os"
	"path/filepath"
)

// dirent is an fs.DirEntry read without a stat call. The entries of one
// folder live in one slice, so a folder costs one allocation, not one per
// entry.
type dirent struct {
	dir  string // the OS path of the folder holding the entry
	name string
	rel  string // slash path relative to the walk's root (set for kept entries)
	typ  fs.FileMode
}

// Name returns the entry's name.
func (d *dirent) Name() string { return d.name }

// IsDir reports whether the entry is a folder (never true for a symlink).
func (d *dirent) IsDir() bool { return d.typ.IsDir() }

// Type returns the entry's type bits.
func (d *dirent) Type() fs.FileMode { return d.typ }

// Info returns the entry's lstat information (a fresh os.Lstat).
func (d *dirent) Info() (fs.FileInfo, error) { return os.Lstat(filepath.Join(d.dir, d.name)) }

// String formats the entry like fs.FormatDirEntry.
func (d *dirent) String() string { return fs.FormatDirEntry(d) }
