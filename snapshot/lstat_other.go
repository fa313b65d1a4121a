//go:build !linux

package snapshot

import "context"

// lstatAfterWalk is false here: the walk's entries lstat the files (see
// fillEntry), as this platform has no fstatat in package syscall.
const lstatAfterWalk = false

// lstatFiles does nothing: the walk filled the stats.
func lstatFiles(context.Context, string, tree, *statCache) error { return nil }
