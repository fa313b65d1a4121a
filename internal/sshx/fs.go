package sshx

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"syscall"

	"github.com/pkg/sftp"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// FS is file access to the host over SFTP; it implements runfolder.FS.
// Names are absolute slash paths on the host. Errors are *fs.PathError
// values whose cause matches fs.ErrNotExist, fs.ErrExist or
// fs.ErrPermission as os would, and [ErrUnreachable] when the connection
// is lost. It is safe for concurrent use.
type FS struct {
	c *Client
}

var _ runfolder.FS = (*FS)(nil)

// FS returns file access to the host over the client's SFTP session.
func (c *Client) FS() *FS { return &FS{c: c} }

// ReadFile implements runfolder.FS. It reads until end of file, so files
// whose size is not known in advance (such as /proc/PID/stat) read whole.
func (f *FS) ReadFile(name string) ([]byte, error) {
	sc, err := f.sftp("open", name)
	if err != nil {
		return nil, err
	}
	r, err := sc.Open(name)
	if err != nil {
		return nil, f.pathErr("open", name, err)
	}
	defer r.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(struct{ io.Reader }{r}); err != nil {
		return nil, f.pathErr("read", name, err)
	}
	return buf.Bytes(), nil
}

// WriteFile implements runfolder.FS: it writes a temporary file in the
// same folder, syncs it, sets perm and renames it over name with the
// posix-rename extension, so readers see the old or the new content.
func (f *FS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	sc, err := f.sftp("create", name)
	if err != nil {
		return err
	}
	tmp := tempName(name)
	if _, err := writeNew(sc, tmp, bytes.NewReader(data), perm); err != nil {
		return f.pathErr("write", name, err)
	}
	if err := sc.PosixRename(tmp, name); err != nil {
		_ = sc.Remove(tmp)
		return f.pathErr("rename", name, err)
	}
	return nil
}

// writeNew creates name (which must not exist), copies r into it with
// concurrent writes, syncs it and sets perm. It returns the bytes written;
// on failure it removes what it created.
func writeNew(sc *sftp.Client, name string, r io.Reader, perm fs.FileMode) (n int64, err error) {
	w, err := sc.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			_ = sc.Remove(name)
		}
	}()
	n, err = w.ReadFrom(r)
	if err == nil {
		if serr := w.Sync(); serr != nil && !errors.Is(serr, sftp.ErrSSHFxOpUnsupported) {
			err = serr
		}
	}
	if err == nil {
		err = w.Chmod(perm)
	}
	return n, errors.Join(err, w.Close())
}

// CreateFrom creates the file name on the host (it must not exist yet)
// and copies r into it with concurrent SFTP writes; it returns the bytes
// written, and on failure removes the partial file. Unlike
// [FS.WriteFile] it neither syncs nor sets a mode (the server's umask
// applies): bulk uploads write under a temporary name, then [FS.Rename].
func (f *FS) CreateFrom(name string, r io.Reader) (n int64, err error) {
	sc, err := f.sftp("create", name)
	if err != nil {
		return 0, err
	}
	w, err := sc.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err != nil {
		return 0, f.pathErr("create", name, err)
	}
	n, err = w.ReadFrom(r)
	if err = errors.Join(err, w.Close()); err != nil {
		_ = sc.Remove(name)
		return n, f.pathErr("write", name, err)
	}
	return n, nil
}

// Rename renames oldname to newname, replacing newname atomically if it
// exists (the posix-rename extension).
func (f *FS) Rename(oldname, newname string) error {
	sc, err := f.sftp("rename", oldname)
	if err != nil {
		return err
	}
	if err := sc.PosixRename(oldname, newname); err != nil {
		return f.pathErr("rename", oldname, err)
	}
	return nil
}

// ReadAt implements runfolder.FS.
func (f *FS) ReadAt(name string, p []byte, off int64) (int, error) {
	sc, err := f.sftp("open", name)
	if err != nil {
		return 0, err
	}
	r, err := sc.Open(name)
	if err != nil {
		return 0, f.pathErr("open", name, err)
	}
	defer r.Close()
	n, err := r.ReadAt(p, off)
	if err != nil && !errors.Is(err, io.EOF) {
		return n, f.pathErr("read", name, err)
	}
	return n, err
}

// Stat implements runfolder.FS; it follows symbolic links, like os.Stat.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	sc, err := f.sftp("stat", name)
	if err != nil {
		return nil, err
	}
	fi, err := sc.Stat(name)
	if err != nil {
		return nil, f.pathErr("stat", name, err)
	}
	return fi, nil
}

// MkdirAll implements runfolder.FS: it creates name and its missing
// parents with mode perm.
func (f *FS) MkdirAll(name string, perm fs.FileMode) error {
	sc, err := f.sftp("mkdir", name)
	if err != nil {
		return err
	}
	if fi, err := sc.Stat(name); err == nil {
		if fi.IsDir() {
			return nil
		}
		return f.pathErr("mkdir", name, syscall.ENOTDIR)
	}
	if parent := path.Dir(name); parent != name {
		if err := f.MkdirAll(parent, perm); err != nil {
			return err
		}
	}
	if err := sc.Mkdir(name); err != nil {
		if fi, serr := sc.Stat(name); serr == nil && fi.IsDir() {
			return nil // created concurrently
		}
		return f.pathErr("mkdir", name, err)
	}
	if err := sc.Chmod(name, perm); err != nil {
		return f.pathErr("chmod", name, err)
	}
	return nil
}

// Remove implements runfolder.FS: it removes a file or an empty folder.
func (f *FS) Remove(name string) error {
	sc, err := f.sftp("remove", name)
	if err != nil {
		return err
	}
	if err := sc.Remove(name); err != nil {
		return f.pathErr("remove", name, err)
	}
	return nil
}

// sftp returns the SFTP session or a *fs.PathError.
func (f *FS) sftp(op, name string) (*sftp.Client, error) {
	sc, err := f.c.SFTP()
	if err != nil {
		return nil, &fs.PathError{Op: "sshx: " + op, Path: name, Err: err}
	}
	return sc, nil
}

// pathErr maps an SFTP error onto the fs sentinels.
func (f *FS) pathErr(op, name string, err error) error {
	var se *sftp.StatusError
	isStatus := errors.As(err, &se)
	switch {
	case f.c.lost(), errors.Is(err, sftp.ErrSSHFxConnectionLost), errors.Is(err, sftp.ErrSSHFxNoConnection),
		!isStatus && !errors.Is(err, fs.ErrNotExist) && !f.c.Alive(context.Background()):
		err = f.c.connErr(op, err)
	case isStatus && se.FxCode() == sftp.ErrSSHFxNoSuchFile:
		err = fs.ErrNotExist
	case isStatus && se.FxCode() == sftp.ErrSSHFxPermissionDenied:
		err = fs.ErrPermission
	case isStatus && se.Code == 11: // SSH_FX_FILE_ALREADY_EXISTS (v5+)
		err = fs.ErrExist
	}
	return &fs.PathError{Op: "sshx: " + op, Path: name, Err: err}
}

// tempName is a hidden, unique temporary name beside name.
func tempName(name string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return path.Join(path.Dir(name), "."+path.Base(name)+".tmp"+hex.EncodeToString(b[:]))
}
