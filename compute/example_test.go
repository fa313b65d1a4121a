package compute_test

import (
	"errors"
	"fmt"

	"github.com/azureml-go/azureml/compute"
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
	// compute: name "cpu_cluster" is invalid: it can include letters, digits and dashes; it must start with a letter, end with a letter or digit, and be between 2 and 16 characters in length
}
