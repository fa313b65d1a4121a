package compute_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
	"github.com/azureml-go/azureml/workspace"
)

func ExampleCapabilities() {
	for _, c := range compute.CapabilityValues() {
		fmt.Println(c, compute.Capabilities(compute.KindLocal)[c])
	}
	// Output:
	// GPU Possible
	// AutoML Yes
	// HyperparameterTuning No
	// Pipelines No
}

func ExampleRequire() {
	err := compute.Require(fakeTarget{compute.KindBatch}, compute.CapabilityAutoML)
	var ce *compute.CapabilityError
	fmt.Println(errors.As(err, &ce), ce.Capability)
	fmt.Println(err)
	// Output:
	// true AutoML
	// compute: target "t-Batch" (Batch) does not support AutoML; targets that do: [local AmlCompute VirtualMachine Databricks]
}

func ExampleValidateName() {
	fmt.Println(compute.ValidateName("cpu-cluster"))
	fmt.Println(compute.ValidateName("local"))
	fmt.Println(compute.ValidateName("cpu_cluster"))
	// Output:
	// <nil>
	// compute: name "local" is invalid: it is a reserved name (amlcompute, local, containerinstance)
	// compute: name "cpu_cluster" is invalid: it must be 3 to 24 characters long, start with a letter, hold only letters, digits and hyphens, and not end with a hyphen followed by digits
}

// A run on the local machine with a user-managed python: Start returns
// once the script runs detached; Follow streams its log to the end.
func ExampleNewLocal() {
	ctx := context.Background()
	ws, err := workspace.Local(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	local, err := compute.NewLocal(ws, nil)
	if err != nil {
		log.Fatal(err)
	}
	src := "./train"
	m, err := snapshot.Take(ctx, src, nil)
	if err != nil {
		log.Fatal(err)
	}
	rc := runconfig.New()
	rc.Script = "train.py"
	rc.Environment.Python.UserManagedDependencies = true
	job := &compute.Job{RunID: "exp_1", Experiment: "exp", SourceDir: src, Snapshot: m,
		Config: rc, Script: rc.Script, RunDir: "/tmp/runs/exp_1"}
	if err := local.Start(ctx, job); err != nil {
		log.Fatal(err)
	}
	_, st, err := local.Follow(ctx, job, 0, os.Stdout)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(st.State)
}
