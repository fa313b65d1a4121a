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
// unused here). It is a blocking system call as far as the scheduler
// knows: a thread that the kernel keeps (a slow disk, or a CPU busy with
// other processes) lets the runtime run the other lstat goroutines on
// another thread, as git's preload threads run in parallel.
func fstatat(dirfd int, _ string, name []byte, st *syscall.Stat_t) error {
	if len(name) == 0 || name[len(name)-1] != 0 || bytes.IndexByte(name[:len(name)-1], 0) >= 0 {
		return syscall.EINVAL
	}
	// The pointer conversions stay inside the call expression, as package
	// unsafe requires for system calls.
	_, _, errno := syscall.Syscall6(sysFstatat, uintptr(dirfd), uintptr(unsafe.Pointer(&name[0])),
		uintptr(unsafe.Pointer(st)), atSymlinkNofollow, 0, 0)
	if errno != 0 {
		return errno
	}
	return nil
}
