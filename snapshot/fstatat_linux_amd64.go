package snapshot

import (
	"syscall"
	"unsafe"
)

// atSymlinkNofollow is AT_SYMLINK_NOFOLLOW, which package syscall does not
// export on linux/amd64.
const atSymlinkNofollow = 0x100

// fstatat is fstatat(2) with AT_SYMLINK_NOFOLLOW (an lstat relative to dirfd);
// package syscall does not export it on linux/amd64.
func fstatat(dirfd int, name string, st *syscall.Stat_t) error {
	p, err := syscall.BytePtrFromString(name)
	if err != nil {
		return err
	}
	_, _, errno := syscall.Syscall6(syscall.SYS_NEWFSTATAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)),
		uintptr(unsafe.Pointer(st)), atSymlinkNofollow, 0, 0)
	if errno != 0 {
		return errno
	}
	return nil
}
