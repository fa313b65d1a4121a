//go:build linux && !amd64 && !arm64

package ignore

import "syscall"

// fstatat lstats name in the folder dir by its full path: package syscall
// has no portable fstatat on this architecture.
func fstatat(_ int, dir, name string, st *syscall.Stat_t, _ bool) error {
	return syscall.Lstat(dir+"/"+name, st)
}
