package arm_test

import (
	"context"
	"fmt"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// exampleClient points a client at an emulator, as a test would point it
// at any ARM endpoint through the cloud configuration.
func exampleClient(s *workspacetest.Server) *arm.Client {
	o := &arm.ClientOptions{}
	o.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: s.URL(), Audience: "https://management.azure.com"},
	}}
	o.Transport = s.Client()
	c, err := arm.NewClient(s.Credential(), o)
	if err != nil {
		panic(err)
	}
	return c
}

func ExampleClient_GetWorkspace() {
	s := workspacetest.NewServer(&workspacetest.Options{Workspace: "my-ws", Location: "westeurope"})
	defer s.Close()
	c := exampleClient(s)
	ws := arm.WorkspaceID{SubscriptionID: "00000000-0000-0000-0000-000000000000", ResourceGroup: "rg", Name: "my-ws"}

	w, err := c.GetWorkspace(context.Background(), ws)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.Name, w.Location, w.Properties.ProvisioningState)

	ws.Name = "other"
	_, err = c.GetWorkspace(context.Background(), ws)
	fmt.Println("missing:", arm.IsNotFound(err))
	// Output:
	// my-ws westeurope Succeeded
	// missing: true
}

func ExampleClient_BeginCreateOrUpdateCompute() {
	s := workspacetest.NewServer(&workspacetest.Options{ProvisioningDelay: time.Second})
	defer s.Close()
	c := exampleClient(s)
	ws := arm.WorkspaceID{SubscriptionID: "00000000-0000-0000-0000-000000000000", ResourceGroup: "rg", Name: "ws1"}

	cluster := &arm.ComputeResource{Location: "eastus", Properties: &arm.Compute{
		ComputeType: arm.ComputeTypeAmlCompute,
		Properties: &arm.AmlComputeProperties{
			VMSize:        "STANDARD_D2_V2",
			ScaleSettings: &arm.ScaleSettings{MinNodeCount: 0, MaxNodeCount: 4, NodeIdleTimeBeforeScaleDown: "PT120S"},
			UserAccountCredentials: &arm.UserAccountCredentials{
				AdminUserName: "azureuser", AdminUserPassword: "only-in-the-PUT-body"},
		},
	}}
	poller, err := c.BeginCreateOrUpdateCompute(context.Background(), ws, "cpu-cluster", cluster, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Retry-After from the service paces the polls; Frequency applies only
	// when a response has none.
	res, err := poller.PollUntilDone(context.Background(), &runtime.PollUntilDoneOptions{Frequency: time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	aml := res.Properties.Properties.(*arm.AmlComputeProperties)
	fmt.Println(res.Name, res.Properties.ProvisioningState, aml.ScaleSettings.MaxNodeCount)
	fmt.Printf("%v\n", *cluster.Properties.Properties.(*arm.AmlComputeProperties).UserAccountCredentials)
	// Output:
	// cpu-cluster Succeeded 4
	// {azureuser REDACTED }
}

func ExampleSecret() {
	s := arm.Secret("hunter2")
	fmt.Println(s, fmt.Sprintf("%q %#v", s, s))
	fmt.Println(s.Reveal())
	// Output:
	// REDACTED "REDACTED" "REDACTED"
	// hunter2
}
