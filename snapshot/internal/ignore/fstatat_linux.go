//go:build linux && (amd64 || arm64)

package ignore

import (
	"syscall"
	"unsafe"
)

// atSymlinkNofollow is AT_SYMLINK_NOFOLLOW, which package syscall does not
// export on linux/amd64.
const atSymlinkNofollow = 0x100

// fstatat is fstatat(2) with AT_SYMLINK_NOFOLLOW: an lstat of name relative
// to the open folder dirfd (dir is its path, unused here). With raw, the
// call bypasses the scheduler's system call bookkeeping, which costs more
// than an lstat served from the inode cache of a local file system; a call
// that may wait on a network must not be raw.
func fstatat(dirfd int, _, name string, st *syscall.Stat_t, raw bool) error {
	p, err := syscall.BytePtrFromString(name)
	if err != nil {
		return err
	}
	args := [6]uintptr{uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(st)), atSymlinkNofollow}
	var errno syscall.Errno
	if raw {
		_, _, errno = syscall.RawSyscall6(sysFstatat, args[0], args[1], args[2], args[3], 0, 0)
	} else {
		_, _, errno = syscall.Syscall6(sysFstatat, args[0], args[1], args[2], args[3], 0, 0)
	}
	if errno != 0 {
		return errno
	}
	return nil
}
