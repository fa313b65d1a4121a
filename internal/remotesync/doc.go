// Package remotesync sends a snapshot to a host over SSH through a
// content-addressed object store on that host, so that a file whose
// content the host already holds is never sent again.
//
// # Layout on the host
//
//	<store>/objects/<hash[:2]>/<hash>   one file per content (sha256)
//	<store>/links/<hash[:2]>/<hash>.<mode>  read-only variants with exec bits
//	<store>/manifests/<id>.canon        synced manifests, canonical encoding
//	                                    (<id>.json from the fallback)
//	<store>/latest/<key>                last manifest synced from a folder
//	<store>/bin/sync-<version>.py       the helper
//
// # With Python on the host (the usual path)
//
// [Sync] installs a small helper (helper.py, stdlib only) once per
// version, then: (1) probes: the host answers with the id of the last
// manifest synced from the same source folder and a 4-byte digest of each
// of its entries (a saved answer, sent by cat); (2) diffs the manifest
// against it: only the entries it lacks, and the indices of those it
// drops, are sent; (3) streams the objects the host lacks, framed in
// concurrent batches, about one per worker, each one SSH session (no
// round trip per file); a few small ones go in the same session as the
// manifest; (4) the host
// rebuilds the manifest from base and diff, checks that it hashes to the
// manifest's id (else the whole manifest is sent), checks every object
// and fills the destination in one process. A re-sync after one changed
// file is two SSH sessions.
//
// Safety: every object is written under a temporary name and renamed into
// place only after the client, which hashed the bytes as it sent them,
// marked them good, so an interrupted or changed upload never becomes an
// object and a resumed Sync does not send completed objects again. A
// stored object is sealed: mode 0444 and a fixed mtime. An object found
// unsealed (stored by the fallback, or made writable and edited through a
// run folder's link) is hashed again and removed if it no longer matches
// its name, then sent again.
//
// Run folder files readable by everyone are hard links to sealed objects
// (their mode without write bits); others, and all files when the host
// user is root, are copies ([Options.Copy] forces copies).
//
// # Without Python
//
// Objects go over SFTP with bounded concurrency (same temporary name and
// rename), the whole manifest is sent, and one sh script builds the
// destination with a cp per file. The host needs a POSIX sh, gzip, cp,
// chmod, ln and mkdir.
package remotesync
