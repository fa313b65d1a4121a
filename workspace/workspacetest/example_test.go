package workspacetest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// A raw GET of the workspace with the server's client and token.
func ExampleNewServer() {
	s := workspacetest.NewServer(nil)
	defer s.Close()

	ctx := context.Background()
	tok, err := s.Credential().GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{"https://management.azure.com/.default"}})
	if err != nil {
		panic(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+s.WorkspaceID()+"?api-version=2026-07-01", nil)
	if err != nil {
		panic(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok.Token)
	resp, err := s.Client().Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var ws struct {
		Name       string `json:"name"`
		Location   string `json:"location"`
		Properties struct {
			ProvisioningState string `json:"provisioningState"`
		} `json:"properties"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&ws); err != nil {
		panic(err)
	}
	fmt.Println(resp.StatusCode, ws.Name, ws.Location, ws.Properties.ProvisioningState)
	// Output: 200 ws1 eastus Succeeded
}

// Injecting a provisioning failure: the PUT is accepted (201 and an
// Azure-AsyncOperation to poll), and the operation ends Failed once
// ProvisioningDelay has passed.
func ExampleServer_Faults() {
	s := workspacetest.NewServer(&workspacetest.Options{ProvisioningDelay: 50 * time.Millisecond})
	defer s.Close()
	fail := s.Faults().FailNextCreate("gpu-cluster")

	ctx := context.Background()
	tok, err := s.Credential().GetToken(ctx, policy.TokenRequestOptions{})
	if err != nil {
		panic(err)
	}
	send := func(method, url, body string) *http.Response {
		req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
		if err != nil {
			panic(err)
		}
		req.Header.Set("Authorization", "Bearer "+tok.Token)
		resp, err := s.Client().Do(req)
		if err != nil {
			panic(err)
		}
		return resp
	}
	body := `{"location": "eastus", "properties": {"computeType": "AmlCompute", "properties": {
		"vmSize": "Standard_NC6s_v3", "scaleSettings": {"maxNodeCount": 2}}}}`
	resp := send(http.MethodPut, s.URL()+s.WorkspaceID()+"/computes/gpu-cluster?api-version=2026-07-01", body)
	resp.Body.Close()
	fmt.Println("PUT:", resp.StatusCode)

	time.Sleep(100 * time.Millisecond)
	resp = send(http.MethodGet, resp.Header.Get("Azure-AsyncOperation"), "")
	defer resp.Body.Close()
	var status struct {
		Status string                    `json:"status"`
		Error  workspacetest.ErrorDetail `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&status); err != nil {
		panic(err)
	}
	fmt.Println("operation:", status.Status, status.Error.Code, "fired:", fail.Fired())
	// Output:
	// PUT: 201
	// operation: Failed QuotaExceeded fired: 1
}
