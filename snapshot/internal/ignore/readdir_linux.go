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

// readEntries lists the folder at abs with raw open/getdents64/close calls:
// the same four system calls per folder as git, where os.File adds a
// non-blocking fcntl and a poller registration. Types come from d_type; only
// entries of unknown type are stat'ed.
func readEntries(abs string, buf []byte) ([]fs.DirEntry, error) {
	fd, err := openDir(abs)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: abs, Err: err}
	}
	defer syscall.Close(fd)
	var ents []dirent
	for {
		n, err := readDirent(fd, buf)
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: abs, Err: err}
		}
		if n <= 0 {
			break
		}
		ents = parseDirents(abs, string(buf[:n]), ents)
	}
	out := make([]fs.DirEntry, len(ents))
	for i := range ents {
		out[i] = &ents[i]
	}
	return out, nil
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
