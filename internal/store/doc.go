// Package store is the embedded on-disk store behind the local workspace: a
// folder holding JSON records and content-addressed objects that several
// processes may use at once, and that survives a process killed mid-write.
//
// # Layout
//
// A store folder contains:
//
//	format.json                 {"format": 1}: the layout version, written first
//	records/<key>.json          one JSON document per key; a key is "/"-separated,
//	                            e.g. "computes/cpu" is records/computes/cpu.json
//	objects/<h[:2]>/<h[2:]>     content addressed by lowercase hex sha256 h,
//	                            written once, read-only (mode 0444)
//	locks/records/<key>.lock    lock file used by [Store.Update], [Store.WriteJSON]
//	                            and [Store.Delete] for that key
//	locks/named/<name>.lock     lock file used by [Store.Lock]
//	tmp/<pid>-<random>.tmp      files being written; renamed into place when
//	                            complete, so a reader never sees a partial file
//
// Lock files are never removed: removing a file that another process has
// locked or is about to lock would let two holders in at once.
//
// # Crash safety
//
// Every write goes to a temporary file in tmp/ (same filesystem as the
// destination), is flushed with fsync, renamed over the destination, and the
// destination folder is fsynced. A record is therefore always either its old
// or its new complete value. Temporary files left by a process that died are
// removed by the next [Open]: a temporary file is removed only when the
// process whose id starts its name no longer exists, so a writer that is
// still running is never disturbed.
//
// # Concurrency
//
// Locks are advisory flock(2) locks on files under locks/; they exclude other
// processes and other goroutines of the same process alike, and the kernel
// releases them when a holder dies. The store is meant for a local
// filesystem of Linux or macOS; flock is not reliable on network
// filesystems. Keys are case-sensitive, but on a case-insensitive filesystem
// (macOS default) two keys differing only in case name the same file.
//
// A [Store] holds no open files and is safe for concurrent use.
package store
