package ignore

import "syscall"

// isLocalFS reports whether the folder abs is on a local file system (by
// its statfs magic number), where an lstat never waits on a network.
func isLocalFS(abs string) bool {
	var st syscall.Statfs_t
	if syscall.Statfs(abs, &st) != nil {
		return false
	}
	switch int64(st.Type) {
	case 0xEF53, // ext2, ext3, ext4
		0x58465342, // xfs
		0x9123683E, // btrfs
		0x01021994, // tmpfs
		0x794C7630, // overlayfs
		0xF2F52010, // f2fs
		0x2FC12FC1: // zfs
		return true
	}
	return false
}
