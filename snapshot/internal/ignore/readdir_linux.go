//go:build linux

package ignore

import (
	"encoding/binary"
	"io/fs"
	"os"
	"syscall"
)

// direntBufSize is the getdents64 buffer size of one reader.
const direntBufSize = 32 << 10

// folder is an open folder. It is read with raw open/getdents64/close
// calls: the same four system calls per folder as git, where os.File adds a
// non-blocking fcntl and a poller registration. Types come from d_type;
// only entries of unknown type are stat'ed.
type folder struct {
	abs string
	fd  int
}

// openFolder opens the folder at abs.
func openFolder(abs string) (folder, error) {
	fd, err := openDir(abs)
	if err != nil {
		return folder{fd: -1}, &fs.PathError{Op: "open", Path: abs, Err: err}
	}
	return folder{abs: abs, fd: fd}, nil
}

// close releases the descriptor.
func (f folder) close() {
	if f.fd >= 0 {
		_ = syscall.Close(f.fd)
	}
}

// read appends the folder's entries, unsorted, to ents.
func (f folder) read(buf []byte, ents []dirent) ([]dirent, error) {
	for {
		n, err := readDirent(f.fd, buf)
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: f.abs, Err: err}
		}
		if n <= 0 {
			return ents, nil
		}
		ents = parseDirents(f.abs, string(buf[:n]), ents)
	}
}

// fileStatOf converts a stat result, with the mode bits as os.Lstat has them.
func fileStatOf(st *syscall.Stat_t) FileStat {
	mode := fs.FileMode(st.Mode & 0o777)
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		mode |= fs.ModeDir
	case syscall.S_IFLNK:
		mode |= fs.ModeSymlink
	case syscall.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		mode |= fs.ModeSocket
	case syscall.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		mode |= fs.ModeDevice
	}
	if st.Mode&syscall.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if st.Mode&syscall.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if st.Mode&syscall.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return FileStat{Mode: mode, Size: int64(st.Size), MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano(), Ino: uint64(st.Ino)}
}

func openDir(abs string) (int, error) {
	for {
		fd, err := syscall.Open(abs, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

func readDirent(fd int, buf []byte) (int, error) {
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err != syscall.EINTR {
			return n, err
		}
	}
}

// parseDirents appends the linux_dirent64 records of chunk to ents. Names
// are substrings of chunk, so a chunk costs one allocation.
func parseDirents(dir, chunk string, ents []dirent) []dirent {
	for len(chunk) >= 19 {
		reclen := int(binary.NativeEndian.Uint16([]byte(chunk[16:18])))
		if reclen < 19 || reclen > len(chunk) {
			break
		}
		rec := chunk[:reclen]
		chunk = chunk[reclen:]
		name := rec[19:]
		for i := 0; i < len(name); i++ {
			if name[i] == 0 {
				name = name[:i]
				break
			}
		}
		if name == "." || name == ".." || binary.NativeEndian.Uint64([]byte(rec[:8])) == 0 {
			continue
		}
		ents = append(ents, dirent{dir: dir, name: name, typ: direntType(dir, name, rec[18])})
	}
	return ents
}

// direntType maps d_type to a file mode type, asking lstat when the file
// system does not say.
func direntType(dir, name string, t byte) fs.FileMode {
	switch t {
	case syscall.DT_REG:
		return 0
	case syscall.DT_DIR:
		return fs.ModeDir
	case syscall.DT_LNK:
		return fs.ModeSymlink
	case syscall.DT_FIFO:
		return fs.ModeNamedPipe
	case syscall.DT_SOCK:
		return fs.ModeSocket
	case syscall.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.DT_BLK:
		return fs.ModeDevice
	}
	fi, err := os.Lstat(dir + "/" + name)
	if err != nil {
		return fs.ModeIrregular // vanished or unreadable: skipped like a FIFO
	}
	return fi.Mode().Type()
}
