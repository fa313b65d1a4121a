package workspace_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

	"github.com/azureml-go/azureml/workspace"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// Get reads a workspace over ARM. Here the endpoint is the in-process
// emulator; against Azure, pass nil options to use
// azidentity.NewDefaultAzureCredential and the public cloud.
func ExampleGet() {
	s := workspacetest.NewServer(&workspacetest.Options{Workspace: "ml-ws", ResourceGroup: "ml-rg", Location: "westeurope"})
	defer s.Close()
	opts := &workspace.GetOptions{Credential: s.Credential()}
	opts.ClientOptions.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: s.URL(), Audience: "https://management.azure.com"},
	}}
	opts.ClientOptions.Transport = s.Client()

	ctx := context.Background()
	ws, err := workspace.Get(ctx, "00000000-0000-0000-0000-000000000000", "ml-rg", "ml-ws", opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ws.Name(), ws.Location(), ws.Properties().ProvisioningState)

	_, err = workspace.Get(ctx, "00000000-0000-0000-0000-000000000000", "ml-rg", "other-ws", opts)
	fmt.Println(errors.Is(err, workspace.ErrNotFound))
	// Output:
	// ml-ws westeurope Succeeded
	// true
}
