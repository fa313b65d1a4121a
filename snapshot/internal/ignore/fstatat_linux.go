//go:build linux && (amd64 || arm64)

package ignore

import (
	"bytes"
	"syscall"
	"unsafe"
)

// atSymlinkNofollow is AT_SYMLINK_NOFOLLOW, which package syscall does not
// export on linux/amd64.
const atSymlinkNofollow = 0x100

// fstatat is fstatat(2) with AT_SYMLINK_NOFOLLOW: an lstat of the
// NUL-terminated name relative to the open folder dirfd (dir is its path,
// unused here). With raw, the call bypasses the scheduler's system call
// bookkeeping, which costs more than an lstat served from the inode cache
// of a local file system; a call that may wait on a network must not be raw.
func fstatat(dirfd int, _ string, name []byte, st *syscall.Stat_t, raw bool) error {
	if len(name) == 0 || name[len(name)-1] != 0 || bytes.IndexByte(name[:len(name)-1], 0) >= 0 {
		return syscall.EINVAL
	}
	var errno syscall.Errno
	// The pointer conversions stay inside the call expressions, as package
	// unsafe requires for system calls.
	if raw {
		_, _, errno = syscall.RawSyscall6(sysFstatat, uintptr(dirfd), uintptr(unsafe.Pointer(&name[0])),
			uintptr(unsafe.Pointer(st)), atSymlinkNofollow, 0, 0)
	} else {
		_, _, errno = syscall.Syscall6(sysFstatat, uintptr(dirfd), uintptr(unsafe.Pointer(&name[0])),
			uintptr(unsafe.Pointer(st)), atSymlinkNofollow, 0, 0)
	}
	if errno != 0 {
		return errno
	}
	return nil
}
