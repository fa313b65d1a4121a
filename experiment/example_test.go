package experiment_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// Submitting a script to a mock target: the same code runs it on the local
// machine when SubmitOptions.Target is left nil and the configuration's
// target is "local".
func ExampleExperiment_Submit() {
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
	target := computetest.NewTarget("mock", computetest.Succeeds("hello"))
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: src, Script: "train.py"}
	run, err := exp.Submit(ctx, cfg, &experiment.SubmitOptions{Target: target})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := run.WaitForCompletion(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.HasPrefix(run.ID(), "demo_"), d.Status)
	// Output: true Completed
}

func ExampleValidateName() {
	fmt.Println(experiment.ValidateName("mnist-training_2"))
	fmt.Println(experiment.ValidateName("-bad"))
	// Output:
	// <nil>
	// experiment: experiment name "-bad": must be 1 to 255 characters: a letter or digit, then letters, digits, '_' or '-'
}

func ExampleParseMetrics() {
	file := `{"name": "loss", "value": 0.7, "step": 1}
{"name": "loss", "value": 0.4, "step": 2}
{"name": "accuracy", "value": 0.93}
`
	m, err := experiment.ParseMetrics(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m["loss"][1].Step, m["loss"][1].Value, m["accuracy"][0].Value)
	// Output: 2 0.4 0.93
}
