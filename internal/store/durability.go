package store

import "fmt"

// Sync says what a record write must survive once it has returned. Every
// write is atomic whatever its Sync: a reader, and a writer killed at any
// point, see the old or the new complete value. Sync only decides whether
// the new value is also flushed to the disk before the write returns.
type Sync int

const (
	// SyncFull flushes the new value and its folder entry to the disk
	// (fsync of the file, rename, fsync of the folder) before returning:
	// the value survives a machine crash (power loss, kernel panic) that
	// happens after the write returned. It is the default.
	SyncFull Sync = iota
	// SyncNone renames a complete temporary file into place and leaves the
	// flush to the kernel. The value survives the death of any process,
	// the writer's included (SIGKILL at any point): the page cache holding
	// it belongs to the kernel, not to the process. A machine crash within
	// the kernel's writeback delay (seconds) may bring back the previous
	// value, no record at all, or an empty file (read as a *CorruptError)
	// for a record that did not exist before. It saves one to two
	// milliseconds of fsync per write; use it for values whose loss in a
	// machine crash does not matter, because what they describe did not
	// survive the crash either (the state of a process that was running).
	SyncNone
)

// String returns "full" or "none".
func (s Sync) String() string {
	switch s {
	case SyncFull:
		return "full"
	case SyncNone:
		return "none"
	}
	return fmt.Sprintf("Sync(%d)", int(s))
}

// WriteOptions tunes a record write. A nil *WriteOptions means the
// defaults: [SyncFull].
type WriteOptions struct {
	// Sync says whether the write is flushed to the disk before it returns.
	Sync Sync
}

// sync returns the options' Sync, rejecting unknown values.
func (o *WriteOptions) sync() (Sync, error) {
	if o == nil {
		return SyncFull, nil
	}
	if o.Sync != SyncFull && o.Sync != SyncNone {
		return 0, &OptionError{Field: "Sync", Value: o.Sync.String(), Reason: "must be SyncFull or SyncNone"}
	}
	return o.Sync, nil
}
