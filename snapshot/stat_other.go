//go:build !linux && !darwin

package snapshot

import "io/fs"

// sysStat returns the inode number and change time (ns) of fi; this platform
// exposes neither portably, so the stat cache relies on size, mtime and mode.
func sysStat(fs.FileInfo) (ino uint64, ctime int64) { return 0, 0 }
