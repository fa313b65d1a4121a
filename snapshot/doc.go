// Package snapshot takes, describes, packs and restores snapshots of a source
// folder: the set of files a run sends to its compute target.
//
// [Take] walks a folder with git's ignore rules (a folder's .amlignore replaces
// its .gitignore; nested ignore files apply to their subtree; .git is never
// included), checks the size and file-count limits before reading any content,
// hashes the files with SHA-256 on a bounded worker pool and returns a
// [Manifest]. The manifest lists every file and symlink with its mode, size and
// hash; its [Manifest.ID] is the SHA-256 of a canonical encoding of the list,
// so two folders with the same content have the same ID.
//
// A stat cache, kept outside the source folder (see [Options.StatCacheDir]),
// remembers each file's size, modification time, inode, change time and mode
// with its hash, as git's index does. Re-snapshotting an unchanged tree costs
// one Lstat per file and reads no content. A file modified in the same second
// as the cache was written is always re-hashed (git's "racy clean" rule).
//
// Symlinks are recorded as links with their target and never followed. A link
// that would point outside the snapshot is an error ([*SymlinkError]) unless
// [Options.AllowExternalSymlinks] is set.
//
// [Manifest.Pack] writes a deterministic tar stream of the snapshot, and
// [Unpack] restores one, rejecting entries that could write outside the
// destination ([*UnsafeEntryError]) and, when given a manifest, content that
// does not match it ([*MismatchError]). [Manifest.CopyTo] copies a snapshot
// into a folder, for targets that run the script on the local machine.
//
// The package uses the standard library only.
package snapshot
