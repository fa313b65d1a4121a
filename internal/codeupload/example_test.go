package codeupload_test

import (
	"context"
	"fmt"
	"time"

	"github.com/azureml-go/azureml/internal/codeupload"
	"github.com/azureml-go/azureml/snapshot"
)

// Upload a snapshot to the container a pending upload handed out, copying
// what the previous snapshot of the folder already put in the workspace.
// (No Output: it needs a storage account or Azurite.)
func ExampleUpload() {
	ctx := context.Background()
	m, err := snapshot.Take(ctx, "./src", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var previous *snapshot.Manifest // the manifest of the previous upload, when there is one
	opts := &codeupload.Options{
		Progress: func(p codeupload.Progress) { fmt.Println(p) },
	}
	if previous != nil {
		opts.Previous = &codeupload.Previous{Manifest: previous, Destination: codeupload.Destination{
			Container: "https://acct.blob.core.windows.net/old?sv=...&sig=...", Prefix: "src"}}
	}
	dst := codeupload.Destination{Container: "https://acct.blob.core.windows.net/new?sv=...&sig=...", Prefix: "src"}
	res, err := codeupload.Upload(ctx, m, "./src", dst, opts)
	if err != nil {
		fmt.Println(err) // never holds the SAS
		return
	}
	fmt.Printf("sent %d, copied %d, skipped %d files\n", res.Sent, res.Copied, res.Skipped)
}

func ExampleSASURL() {
	u := codeupload.SASURL("https://acct.blob.core.windows.net/c?sv=2021-08-06&sp=racwl&sig=c2VjcmV0")
	dst := codeupload.Destination{Container: u, Prefix: "src"}
	fmt.Println(u)
	fmt.Printf("%+v\n", dst)
	// Output:
	// https://acct.blob.core.windows.net/c?REDACTED
	// {Container:https://acct.blob.core.windows.net/c?REDACTED Prefix:src}
}

func ExampleProgress_String() {
	p := codeupload.Progress{FilesDone: 12, FilesTotal: 40, BytesDone: 3_100_000, BytesTotal: 9_000_000,
		Elapsed: 122 * time.Millisecond, BytesPerSecond: 25_400_000}
	fmt.Println(p)
	// Output: 12/40 files, 3.1/9.0 MB, 25.4 MB/s
}
