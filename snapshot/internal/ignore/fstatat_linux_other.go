//go:build linux && !amd64 && !arm64

package ignore

import "syscall"

// fstatat lstats the NUL-terminated name in the folder dir by its full
// path: package syscall has no portable fstatat on this architecture.
func fstatat(_ int, dir string, name []byte, st *syscall.Stat_t) error {
	if len(name) == 0 || name[len(name)-1] != 0 {
		return syscall.EINVAL
	}
	return syscall.Lstat(dir+"/"+string(name[:len(name)-1]), st)
}
