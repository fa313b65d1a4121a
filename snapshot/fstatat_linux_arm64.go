package snapshot

import "syscall"

// atSymlinkNofollow is AT_SYMLINK_NOFOLLOW, which package syscall does not
// export on linux.
const atSymlinkNofollow = 0x100

// fstatat is fstatat(2) with AT_SYMLINK_NOFOLLOW (an lstat relative to dirfd).
func fstatat(dirfd int, name string, st *syscall.Stat_t) error {
	return syscall.Fstatat(dirfd, name, st, atSymlinkNofollow)
}
