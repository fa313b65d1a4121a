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
//	                            and [Store.Delete] for that key ([Store.Create]
//	                            needs none: it links a new record into place)
//	locks/named/<name>.lock     lock file used by [Store.Lock]
//	tmp/<pid>-<random>.tmp      files being written; renamed into place when
//	                            complete, so a reader never sees a partial file
//
// Lock files are never removed: removing a file that another process has
// locked or is about to lock would let two holders in at once.
//
// # Crash safety
//
// Two kinds of crash are told apart, because they need different things.
//
// The death of a process (a client killed with SIGKILL, a panic, a
// Ctrl-C) loses nothing and corrupts nothing. Every write goes to a
// temporary file in tmp/ (same filesystem as the destination) that is
// renamed over the destination once complete, so a record is always its
// old or its new complete value; and what a process has written lives in
// the kernel's page cache, which does not die with the process. No fsync
// is needed for this, and none would help: fsync only decides what is on
// the disk, which matters only when the kernel itself stops.
//
// A crash of the machine (power loss, kernel panic) keeps only what was
// flushed to the disk. Writes made with [SyncFull], the default
// ([Store.WriteJSON], [Store.Update], [Store.Delete], objects and
// format.json), fsync the temporary file before the rename, so a crash
// cannot leave the new name on empty or partial content, and fsync the
// folder after it, so the value is on disk when the call returns. A
// [SyncNone] write ([Store.UpdateWith]) skips both fsyncs, which cost one
// to two milliseconds per write: after a machine crash within the kernel's
// writeback delay (seconds), its record may hold its previous value, be
// missing, or, for a record that did not exist before, be empty (read as
// a [*CorruptError]). It is meant for values that describe processes,
// such as a run that is starting or running: a machine crash ends those
// processes too, so the record was going to be out of date anyway. Values
// that must outlive the machine once acknowledged (a run's final status)
// use SyncFull. Objects are always fsynced: an object is trusted by its
// name, which is never checked against its content again, so an object
// left empty by a crash would pass for valid content forever.
//
// Temporary files left by a process that died are removed by the next
// [Open]: a temporary file is removed only when the process whose id
// starts its name no longer exists, so a writer that is still running is
// never disturbed.
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
