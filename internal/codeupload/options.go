package codeupload

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/azureml-go/azureml/snapshot"
)

// Destination is where a snapshot goes: a container reached with a SAS URL,
// and a folder (blob name prefix) in it.
type Destination struct {
	// Container is the container's URL with a SAS granting at least read,
	// write and list ("https://acct.blob.core.windows.net/c?sv=...&sig=...").
	Container SASURL
	// Prefix is the folder in the container, slash-separated, without a
	// leading or trailing slash; "" puts the files at the container's root.
	Prefix string
}

// Previous describes an earlier upload of the same source folder, whose
// files are copied server side when the new snapshot has the same content.
type Previous struct {
	// Destination is where the earlier upload went; its SAS needs read.
	Destination Destination
	// Manifest is the snapshot that was uploaded there.
	Manifest *snapshot.Manifest
}

// Options tunes [Upload]; a nil *Options means the defaults.
type Options struct {
	// Concurrency is the number of files in flight; 0 means 2×GOMAXPROCS.
	Concurrency int
	// BlockConcurrency is the number of blocks in flight for one file
	// larger than 256 MiB; 0 means 16, as the Python SDK.
	BlockConcurrency int
	// Previous, when set, is an earlier upload to copy unchanged content from.
	Previous *Previous
	// Progress, when set, is called after each file is done, never
	// concurrently, with the counts so far.
	Progress func(Progress)
	// Client carries azcore's pipeline options (Retry, Transport, Logging...)
	// for every request. azcore's logging redacts SAS query parameters.
	Client azcore.ClientOptions
	// Logger receives one debug record per file; nil discards.
	Logger *slog.Logger

	// syncCopyMax and copyBlockSize override the 256 MiB sync-copy limit
	// and the 64 MiB staged-copy block in this package's tests.
	syncCopyMax, copyBlockSize int64
}

// Progress is a snapshot of an upload's advance.
type Progress struct {
	// FilesDone of FilesTotal files are in the container (sent, copied or
	// already there).
	FilesDone, FilesTotal int
	// BytesDone of BytesTotal content bytes are in the container.
	BytesDone, BytesTotal int64
	// BytesSent is the content this upload sent from the client so far.
	BytesSent int64
	// Elapsed is the time since the upload started.
	Elapsed time.Duration
	// BytesPerSecond is BytesDone / Elapsed.
	BytesPerSecond float64
}

// String prints the progress on one line, e.g.
// "12/40 files, 3.1/9.0 MB, 25.4 MB/s".
func (p Progress) String() string {
	return fmt.Sprintf("%d/%d files, %.1f/%.1f MB, %.1f MB/s", p.FilesDone, p.FilesTotal,
		float64(p.BytesDone)/1e6, float64(p.BytesTotal)/1e6, p.BytesPerSecond/1e6)
}

// Result says what an upload did.
type Result struct {
	// Sent, Copied and Skipped count the files sent from the client, copied
	// server side from the previous upload, and already present.
	Sent, Copied, Skipped int
	// BytesSent is the file content sent from the client.
	BytesSent int64
	// AlreadyConfirmed is true when the destination already held this
	// snapshot, confirmed, and nothing was checked file by file.
	AlreadyConfirmed bool
	// Elapsed is the upload's wall time.
	Elapsed time.Duration
}
