// Package remotesync sends a snapshot to a host over SSH through a
// content-addressed object store on that host, so that a file whose
// content the host already holds is never sent again.
//
// # Layout on the host
//
//	<store>/objects/<hash[:2]>/<hash>   one file per content (sha256), mode 0644
//	<store>/manifests/<id>.json         the manifests that were synced
//
// [Sync] asks the host which objects it lacks (one round trip), uploads
// only those over SFTP with bounded concurrency, each under a temporary
// name renamed into place once complete (so an interrupted upload is never
// taken for an object, and a Sync resumed after a dropped connection does
// not send completed objects again), then sends the manifest and builds
// the destination folder from the objects with one shell command (copies,
// modes, symlinks). The host needs a POSIX sh, gzip, cp, chmod, ln and
// mkdir.
package remotesync
