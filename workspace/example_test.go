package workspace_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/azureml-go/azureml/workspace"
)

// A config.json downloaded from the Azure portal names an Azure workspace;
// FromConfig finds it from a subfolder and makes no network call.
func ExampleFromConfig() {
	project, _ := os.MkdirTemp("", "project")
	defer os.RemoveAll(project)
	cfg := `{"subscription_id": "00000000-1111-2222-3333-444444444444",
	         "resource_group": "ml-rg", "workspace_name": "ml-ws"}`
	_ = os.MkdirAll(filepath.Join(project, ".azureml"), 0o755)
	_ = os.WriteFile(filepath.Join(project, ".azureml", "config.json"), []byte(cfg), 0o644)
	src := filepath.Join(project, "src")
	_ = os.MkdirAll(src, 0o755)

	ws, err := workspace.FromConfig(context.Background(), src, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ws.Kind(), ws.Name(), ws.ResourceGroup())
	fmt.Println(ws.ID())
	// Output:
	// azure ml-ws ml-rg
	// /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ml-ws
}

// Without any config.json, FromConfig returns the local workspace.
func ExampleFromConfig_local() {
	project, _ := os.MkdirTemp("", "project")
	defer os.RemoveAll(project)

	ws, err := workspace.FromConfig(context.Background(), project,
		&workspace.FromConfigOptions{LocalDir: filepath.Join(project, "ws")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ws.IsLocal(), ws.Name(), filepath.Base(ws.LocalDir()))
	// Output: true local ws
}

func ExampleLocal() {
	dir, _ := os.MkdirTemp("", "azureml-go")
	defer os.RemoveAll(dir)

	ws, err := workspace.Local(context.Background(), &workspace.LocalOptions{Dir: filepath.Join(dir, "ws")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ws.Kind(), ws.LocalDir() == filepath.Join(dir, "ws"))
	// Output: local true
}

// WriteConfig records the workspace for the project, so that FromConfig,
// run from anywhere in the project, finds the same workspace.
func ExampleWorkspace_WriteConfig() {
	dir, _ := os.MkdirTemp("", "azureml-go")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	ws, err := workspace.Local(ctx, &workspace.LocalOptions{Dir: filepath.Join(dir, "ws")})
	if err != nil {
		log.Fatal(err)
	}
	project := filepath.Join(dir, "project")
	path, err := ws.WriteConfig(ctx, project, nil)
	if err != nil {
		log.Fatal(err)
	}
	back, err := workspace.FromConfig(ctx, project, nil)
	if err != nil {
		log.Fatal(err)
	}
	rel, _ := filepath.Rel(project, path)
	fmt.Println(rel, back.IsLocal(), back.LocalDir() == ws.LocalDir())
	// Output: .azureml/config.json true true
}

func ExampleValidateName() {
	fmt.Println(workspace.ValidateName("my-workspace"))
	fmt.Println(workspace.ValidateName("my workspace"))
	// Output:
	// <nil>
	// workspace: workspace_name "my workspace": Workspace name must be between 3 and 33 characters long. Its first character has to be alphanumeric, and the rest may contain hyphens and underscores. No whitespace is allowed.
}
