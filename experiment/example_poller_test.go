package experiment_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// A run as an azcore poller: the same Poll, Done, Result and
// PollUntilDone as every long operation of the SDK. Each poll reads the
// status once and asks for the next poll soon after a change, later while
// nothing changes.
func ExampleRun_Poller() {
	ctx := context.Background()
	tmp, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(tmp)
	src := filepath.Join(tmp, "src")
	_ = os.MkdirAll(src, 0o755)
	_ = os.WriteFile(filepath.Join(src, "train.py"), []byte("print('hello')\n"), 0o644)
	ws, err := workspace.Local(ctx, &workspace.LocalOptions{Dir: filepath.Join(tmp, "ws")})
	if err != nil {
		fmt.Println(err)
		return
	}
	exp, _ := experiment.New(ws, "demo")
	target := computetest.NewTarget("mock", computetest.States(compute.JobQueued, compute.JobRunning, compute.JobCompleted))
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: src, Script: "train.py"}
	run, err := exp.Submit(ctx, cfg, &experiment.SubmitOptions{Target: target})
	if err != nil {
		fmt.Println(err)
		return
	}

	p, err := run.Poller(&experiment.PollerOptions{MinInterval: 10 * time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := p.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Status)
	// Output: Completed
}
