//go:build linux

package snapshot

import (
	"fmt"
	"os"
	"syscall"
)

// readCacheFile maps the stat cache file read-only and returns its content
// and the function that unmaps it. Mapping costs no copy and no garbage: a
// warm snapshot reads the whole file but keeps only the hashes it vouches
// for (see tree.settle), so the file's bytes never enter the Go heap.
// The descriptor is raw (open, fstat, mmap, close), as nothing waits on it.
func readCacheFile(file string) ([]byte, func(), error) {
	fd, err := syscall.Open(file, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, &os.PathError{Op: "open", Path: file, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, nil, &os.PathError{Op: "fstat", Path: file, Err: err}
	}
	if st.Size <= 0 || st.Size != int64(int(st.Size)) {
		return nil, nil, fmt.Errorf("stat cache %s: size %d cannot be mapped", file, st.Size)
	}
	data, err := syscall.Mmap(fd, 0, int(st.Size), syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
	if err != nil {
		return nil, nil, &os.PathError{Op: "mmap", Path: file, Err: err}
	}
	return data, func() { _ = syscall.Munmap(data) }, nil
}
