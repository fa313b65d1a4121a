package workspacetest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// Environment versions are immutable: the same definition is reused (200),
// another one is refused (409).
func ExampleNewServer_environments() {
	s := workspacetest.NewServer(nil)
	defer s.Close()
	ctx := context.Background()
	tok, err := s.Credential().GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{"https://management.azure.com/.default"}})
	if err != nil {
		panic(err)
	}
	put := func(conda string) {
		body, _ := json.Marshal(map[string]any{"properties": map[string]any{
			"image": "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest", "condaFile": conda}})
		url := s.URL() + s.WorkspaceID() + "/environments/train/versions/1?api-version=2026-07-01"
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, bytes.NewReader(body))
		if err != nil {
			panic(err)
		}
		req.Header.Set("Authorization", "Bearer "+tok.Token)
		resp, err := s.Client().Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	put("dependencies:\n  - python=3.11\n")
	put("dependencies:\n  - python=3.11\n")
	put("dependencies:\n  - python=3.12\n")
	// Output:
	// 201
	// 200
	// 409
}

// The account key never prints.
func ExampleBlobStorage_String() {
	st := workspacetest.BlobStorage{ServiceURL: "http://127.0.0.1:10000/devstoreaccount1/",
		AccountName: "devstoreaccount1", AccountKey: "c2VjcmV0"}
	fmt.Println(st)
	// Output: workspacetest.BlobStorage{ServiceURL: "http://127.0.0.1:10000/devstoreaccount1/", AccountName: "devstoreaccount1", AccountKey: REDACTED}
}
