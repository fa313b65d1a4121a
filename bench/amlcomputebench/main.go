// Command amlcomputebench measures how many requests compute's
// WaitForCompletion sends while an AmlCompute cluster provisions in the
// workspacetest emulator, against the number the service asks for.
//
// The emulator answers the create (PUT) and every in-progress operation
// status with Retry-After, so each such response asks for exactly one
// more request; after the operation succeeds the Azure async protocol asks
// for one read of the created resource. Requests sent while waiting,
// divided by that count, should be 1.0: more means polling faster than
// asked, or repeating a request.
//
// It prints one line:
//
//	bench: amlcompute-create-polls ratio=X goal<=1.0 ms=W requests=N asked=M
//
// where W is the wall time of WaitForCompletion.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/workspace"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

func main() {
	delay := flag.Duration("provisioning", 30*time.Second, "how long the emulator takes to provision the cluster")
	retryAfter := flag.Duration("retry-after", time.Second, "the Retry-After the emulator sends")
	flag.Parse()
	if err := run(context.Background(), *delay, *retryAfter, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "amlcomputebench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, delay, retryAfter time.Duration, out io.Writer) error {
	s := workspacetest.NewServer(&workspacetest.Options{Workspace: "bench-ws", ProvisioningDelay: delay, RetryAfter: retryAfter})
	defer s.Close()
	opts := &workspace.GetOptions{Credential: s.Credential()}
	opts.ClientOptions.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: s.URL(), Audience: "https://management.azure.com"},
	}}
	opts.ClientOptions.Transport = s.Client()
	ws, err := workspace.Get(ctx, strings.Split(s.WorkspaceID(), "/")[2], "rg", "bench-ws", opts)
	if err != nil {
		return err
	}
	op, err := compute.CreateAmlCompute(ctx, ws, "bench-cluster", &compute.AmlComputeProvisioningConfig{
		VMSize: "STANDARD_D2_V2", MaxNodes: 4})
	if err != nil {
		return err
	}
	started := len(s.Requests())
	t0 := time.Now()
	if _, err := op.WaitForCompletion(ctx, io.Discard); err != nil {
		return err
	}
	ms := time.Since(t0).Milliseconds()
	all := s.Requests()
	put := all[started-1]
	if put.Method != "PUT" {
		return fmt.Errorf("the last request before waiting was %s %s, not the create", put.Method, put.Path)
	}
	asked := 1 // the read of the created compute after the operation succeeds
	for _, r := range all[started-1:] {
		if r.RetryAfter > 0 {
			asked++
		}
	}
	sent := len(all) - started
	fmt.Fprintf(out, "bench: amlcompute-create-polls ratio=%.2f goal<=1.0 ms=%d requests=%d asked=%d\n",
		float64(sent)/float64(asked), ms, sent, asked)
	return nil
}
