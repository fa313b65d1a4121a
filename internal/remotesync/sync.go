package remotesync

import (
	"context"
	"fmt"
	"log/slog"
	"path"
	"time"

	"github.com/azureml-go/azureml/internal/sshx"
	"github.com/azureml-go/azureml/snapshot"
)

// DefaultWorkers is the number of concurrent upload streams (batches of
// objects, or SFTP files in the fallback) when [Options.Workers] is zero.
const DefaultWorkers = 8

// Options tunes [Sync]; a nil *Options means the defaults.
type Options struct {
	// Workers bounds concurrent upload streams; zero means [DefaultWorkers].
	Workers int
	// Progress, if not nil, is called (from upload goroutines) once for
	// each object the host acknowledged as stored, with its hash and size:
	// per batch when its session ends, or per file in the fallback.
	Progress func(hash string, size int64)
	// Present, if not nil, is called once for each object found on the
	// host already, so not sent: after the host said which it lacks, or
	// when it acknowledged an object sent without asking as one it had.
	// Objects a diff against the last sync from the same source folder
	// leaves untouched count as present. An object reported present can
	// still be sent later (when applying the manifest finds it gone), and
	// then Progress reports it too. Calls come from Sync's goroutine or
	// from upload goroutines, like Progress.
	Present func(hash string, size int64)
	// Logger receives debug records; nil discards them.
	Logger *slog.Logger
	// Python names the host's Python 3 interpreter that runs the sync
	// helper; empty means python3 on the login PATH. Without it on the
	// host, Sync falls back to SFTP uploads and a POSIX sh script.
	Python string
	// Copy makes every file in remoteDest a copy of its object. By
	// default a file readable by everyone is a hard link to a read-only
	// copy of the object (its mode without the write bits), which costs
	// no disk and no time; files that are not, and every file when the
	// host user is root (who may write read-only files), are copied.
	Copy bool
}

// Stats says what a [Sync] did. Byte counts are what this package wrote
// to the connection (SFTP file data and command input), before SSH framing
// and encryption.
type Stats struct {
	// Files and Symlinks count the manifest's entries; Objects its
	// distinct file contents.
	Files, Symlinks, Objects int
	// ObjectsPresent is the number of objects the host already had.
	ObjectsPresent int
	// FilesSent and BytesSent count the objects uploaded and their bytes.
	FilesSent int
	BytesSent int64
	// ControlBytes counts the command input other than object data: the
	// helper when it is installed, the hashes to check, and the manifest
	// (whole or diff; gzip) or, without Python, the fallback's script.
	ControlBytes int64
	// Helper reports whether the host ran the sync helper (false: the
	// SFTP and sh fallback).
	Helper bool
	// Diff reports whether the manifest went as a diff against one the
	// host already had.
	Diff bool
	// Took is the wall time of the Sync.
	Took time.Duration
}

// ArgError reports an invalid argument to [Sync].
type ArgError struct {
	// Arg names the argument, e.g. "remoteDest".
	Arg string
	// Value is the rejected value.
	Value string
	// Reason says which rule it breaks.
	Reason string
}

// Error implements error.
func (e *ArgError) Error() string {
	return fmt.Sprintf("remotesync: %s %q: %s", e.Arg, e.Value, e.Reason)
}

// ChangedError reports a source file whose content no longer matches the
// manifest (it changed after the snapshot was taken). Nothing of it is
// stored on the host.
type ChangedError struct {
	// Path is the entry's path in the manifest.
	Path string
	// Want is the manifest's sha256, Got the file's current one.
	Want, Got string
}

// Error implements error.
func (e *ChangedError) Error() string {
	return fmt.Sprintf("remotesync: %s changed since the snapshot (sha256 %s, manifest says %s)", e.Path, e.Got, e.Want)
}

// Sync makes remoteDest on the host hold the snapshot m of srcDir, sending
// through the object store at remoteStore only the contents the host
// lacks. remoteStore and remoteDest are absolute slash paths on the host;
// remoteDest is created if needed, and entries already there are replaced
// (nothing else is removed). On failure Sync returns the stats of what it
// did so far with the error; calling it again resumes.
func Sync(ctx context.Context, c *sshx.Client, m *snapshot.Manifest, srcDir, remoteStore, remoteDest string, opts *Options) (*Stats, error) {
	start := time.Now()
	o := Options{Workers: DefaultWorkers, Python: "python3", Logger: slog.New(slog.DiscardHandler)}
	if opts != nil {
		o.Workers, o.Progress, o.Present, o.Copy = cmp(opts.Workers, o.Workers), opts.Progress, opts.Present, opts.Copy
		if opts.Logger != nil {
			o.Logger = opts.Logger
		}
		if opts.Python != "" {
			o.Python = opts.Python
		}
	}
	if err := checkArgs(m, remoteStore, remoteDest); err != nil {
		return nil, err
	}
	st := &Stats{}
	s := &syncer{c: c, m: m, src: srcDir, store: remoteStore, dest: remoteDest, o: &o, st: st,
		h: &host{c: c, store: remoteStore, python: o.Python, st: st}}
	if err := s.run(ctx); err != nil {
		return st, err
	}
	st.Took = time.Since(start)
	o.Logger.Debug("remotesync: synced", slog.String("dest", remoteDest), slog.Int("objects", st.Objects),
		slog.Int("sent", st.FilesSent), slog.Int64("bytes", st.BytesSent), slog.Bool("helper", st.Helper),
		slog.Duration("took", st.Took))
	return st, nil
}

func checkArgs(m *snapshot.Manifest, store, dest string) error {
	if m == nil {
		return &ArgError{Arg: "m", Value: "nil", Reason: "a manifest is required"}
	}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("remotesync: %w", err)
	}
	for _, a := range []struct{ name, v string }{{"remoteStore", store}, {"remoteDest", dest}} {
		if !path.IsAbs(a.v) || path.Clean(a.v) != a.v || a.v == "/" {
			return &ArgError{Arg: a.name, Value: a.v, Reason: "must be a clean absolute slash path other than /"}
		}
	}
	if store == dest || isUnder(dest, store) || isUnder(store, dest) {
		return &ArgError{Arg: "remoteDest", Value: dest, Reason: "must not overlap remoteStore " + store}
	}
	return nil
}

func isUnder(p, dir string) bool {
	return len(p) > len(dir) && p[:len(dir)] == dir && p[len(dir)] == '/'
}

// object is one distinct content and the first entry holding it.
type object struct {
	hash string
	path string
	size int64
}

// objects lists m's distinct contents, in manifest order, and counts entries.
func objects(m *snapshot.Manifest, st *Stats) []object {
	seen := make(map[string]bool, len(m.Entries))
	var objs []object
	for _, e := range m.Entries {
		if e.Kind == snapshot.KindSymlink {
			st.Symlinks++
			continue
		}
		st.Files++
		if !seen[e.SHA256] {
			seen[e.SHA256] = true
			objs = append(objs, object{hash: e.SHA256, path: e.Path, size: e.Size})
		}
	}
	st.Objects = len(objs)
	return objs
}

// objectName is an object's path relative to <store>/objects.
func objectName(hash string) string { return hash[:2] + "/" + hash }

func cmp(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}
