// Package codeupload uploads a snapshot to an Azure blob container through a
// container SAS URL, as the workspace's startPendingUpload hands out for a
// code asset.
//
// [Upload] puts every file of a [snapshot.Manifest] at <prefix>/<path> in
// the container, with the file's SHA-256 in the blob's metadata, on a
// bounded pool of workers (by default 2×GOMAXPROCS, as the Python SDK). For
// each file it picks the cheapest way:
//
//   - skip: a blob at that name already carries the same sha256 (an earlier,
//     interrupted upload finished it), so a re-run resumes where the last
//     one stopped;
//   - copy: the previous upload of the same source folder (Options.Previous)
//     holds a file with the same content; the service copies it server side
//     (sync Copy Blob From URL, or Put Block From URL and Put Block List for
//     files over 256 MiB) with the previous container's SAS as source, and
//     the client sends no content;
//   - send: the content travels from the client (Put Blob, or blocks for
//     large files).
//
// Each request is retried by azcore's retry policy (Options.Client.Retry).
// After the last file, the first file in path order (the Python SDK's
// "indicator file") gets the metadata upload_status=completed and the
// manifest's ID: an upload without it, or with another manifest's ID, is
// partial, and [Confirmed] says so. An upload that finds its destination
// already confirmed for the same manifest stops after the one listing it
// starts with, and sends nothing.
//
// Symlinks are uploaded as the file they point to (blob storage has no
// links, and the Python SDK resolves them too); a link to a folder, or to a
// file outside the snapshot, is an error.
//
// The files must not change between snapshot.Take and Upload: a file
// whose size differs from the manifest's is an error, but a same-size
// edit is sent as is, under the manifest's hash.
//
// Blobs under the prefix that the manifest does not list are left alone:
// the pending-upload SAS has no delete permission.
//
// SAS tokens never appear in errors: every storage failure is returned as
// a *[Error] whose text and fields carry URLs without their query, and
// [SASURL] prints itself redacted.
package codeupload
