package remotesync_test

import (
	"context"
	"fmt"

	"github.com/azureml-go/azureml/internal/remotesync"
	"github.com/azureml-go/azureml/internal/sshx"
	"github.com/azureml-go/azureml/snapshot"
)

// ExampleSync sends a source folder to a VM's object store and builds a
// run's working folder from it; a second submission sends only what
// changed.
func ExampleSync() {
	ctx := context.Background()
	m, err := snapshot.Take(ctx, "./train", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := sshx.Dial(ctx, sshx.Config{Address: "vm.example.com", User: "azureuser", KeyFile: "/home/me/.ssh/id_ed25519"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	st, err := remotesync.Sync(ctx, c, m, "./train", "/home/azureuser/.azureml/store",
		"/home/azureuser/.azureml/runs/run-1/wd", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("sent %d of %d files (%d bytes)\n", st.FilesSent, st.Files, st.BytesSent)
}

// ExampleArgError shows the typed error for a relative remote path.
func ExampleArgError() {
	_, err := remotesync.Sync(context.Background(), nil, &snapshot.Manifest{}, ".", "store", "/wd", nil)
	fmt.Println(err)
	// Output:
	// remotesync: remoteStore "store": must be a clean absolute slash path other than /
}
