package compute_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/workspace"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// A cluster is created, waited for, and deleted. The workspace here is
// the in-process emulator; with an Azure config.json, open it with
// workspace.FromConfig instead and the rest is the same.
func ExampleCreateAmlCompute() {
	ctx := context.Background()
	s := workspacetest.NewServer(&workspacetest.Options{Workspace: "ml-ws", ProvisioningDelay: time.Second})
	defer s.Close()
	opts := &workspace.GetOptions{Credential: s.Credential()}
	opts.ClientOptions.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: s.URL(), Audience: "https://management.azure.com"},
	}}
	opts.ClientOptions.Transport = s.Client()
	ws, err := workspace.Get(ctx, strings.Split(s.WorkspaceID(), "/")[2], "rg", "ml-ws", opts)
	if err != nil {
		fmt.Println(err)
		return
	}

	op, err := compute.CreateAmlCompute(ctx, ws, "cpu-cluster", &compute.AmlComputeProvisioningConfig{
		VMSize: "STANDARD_D2_V2", MaxNodes: 4, IdleSecondsBeforeScaleDown: 1800})
	if err != nil {
		fmt.Println(err)
		return
	}
	cluster, err := op.WaitForCompletion(ctx, nil) // os.Stdout shows the progress
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cluster.Name(), cluster.Status().ProvisioningState, cluster.ScaleSettings())

	_, err = compute.CreateAmlCompute(ctx, ws, "cpu-cluster", &compute.AmlComputeProvisioningConfig{MaxNodes: 2})
	fmt.Println(err)

	_, err = compute.AttachBatch(ctx, ws, "batch", &compute.BatchAttachConfig{ResourceGroup: "rg", AccountName: "b"})
	fmt.Println(errors.Is(err, compute.ErrNotSupported))
	// Output:
	// cpu-cluster Succeeded {0 4 1800}
	// compute: provisioning configuration vm_size "": must be set, e.g. STANDARD_D2_V2
	// true
}
