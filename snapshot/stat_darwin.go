//go:build darwin

package snapshot

import (
	"io/fs"
	"syscall"
)

// sysStat returns the inode number and change time (ns) of fi, when known.
func sysStat(fi fs.FileInfo) (ino uint64, ctime int64) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ino, st.Ctimespec.Nano()
}
