package runfolder

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
)

// FS is the file access the protocol needs. Names are absolute slash
// paths on the host that holds the run folder. [LocalFS] implements it for
// the local disk; an SFTP client implements it for a remote host.
type FS interface {
	// ReadFile returns the whole file; an error matching fs.ErrNotExist
	// when it is absent.
	ReadFile(name string) ([]byte, error)
	// WriteFile replaces the file atomically (temporary file, then
	// rename), so a reader sees the old or the new content, never a mix.
	WriteFile(name string, data []byte, perm fs.FileMode) error
	// ReadAt reads len(p) bytes from offset off, with io.ReaderAt
	// semantics: fewer bytes come with a non-nil error (io.EOF at the end).
	ReadAt(name string, p []byte, off int64) (int, error)
	// Stat describes the file; an error matching fs.ErrNotExist when absent.
	Stat(name string) (fs.FileInfo, error)
	// MkdirAll creates the folder and its parents, like os.MkdirAll.
	MkdirAll(name string, perm fs.FileMode) error
	// Remove deletes one file or empty folder, like os.Remove.
	Remove(name string) error
}

// Shell runs a POSIX shell command line on the host that holds the run
// folder and returns its standard output. A command that exits non-zero
// gives an error; [LocalShell] returns an [*ExitError] then. Implementations
// must not attach a terminal and must return as soon as the command line
// exits, even if it left background processes behind (their standard
// streams are always redirected by this package).
type Shell interface {
	Run(ctx context.Context, cmdline string) (stdout []byte, err error)
}

// LocalFS is [FS] on the local disk, through package os.
type LocalFS struct{}

var _ FS = LocalFS{}

// ReadFile implements [FS].
func (LocalFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// WriteFile implements [FS]: it writes a temporary file in the same
// folder, sets perm and renames it over name. The rename is what makes the
// write atomic for readers and safe when the writer is killed (SIGKILL
// included): the file has its old or its new content, never a mix. It
// does not fsync: that would only protect against a power loss or kernel
// crash, after which the run itself is gone (its processes died with the
// host) and the folder is scratch; an fsync costs milliseconds per file.
func (LocalFS) WriteFile(name string, data []byte, perm fs.FileMode) (err error) {
	f, err := os.CreateTemp(path.Dir(name), "."+path.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(f.Name())
		}
	}()
	_, err = f.Write(data)
	if err = errors.Join(err, f.Close()); err != nil {
		return err
	}
	if err = os.Chmod(f.Name(), perm); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

// ReadAt implements [FS].
func (LocalFS) ReadAt(name string, p []byte, off int64) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return f.ReadAt(p, off)
}

// Stat implements [FS].
func (LocalFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// MkdirAll implements [FS].
func (LocalFS) MkdirAll(name string, perm fs.FileMode) error { return os.MkdirAll(name, perm) }

// Remove implements [FS].
func (LocalFS) Remove(name string) error { return os.Remove(name) }
