package compute_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

func ExampleRemoteVMAttachConfig_Validate() {
	cfg := &compute.RemoteVMAttachConfig{Address: "10.0.0.4", Username: "azureuser",
		Password: "hunter2", PrivateKeyFile: "/home/me/.ssh/id_ed25519"}
	err := cfg.Validate()
	var ce *compute.AttachConfigError
	fmt.Println(errors.As(err, &ce), ce.Field)
	fmt.Println(err)
	fmt.Printf("%v\n", cfg) // secrets are redacted
	// Output:
	// true PrivateKeyFile
	// compute: attach configuration PrivateKeyFile "/home/me/.ssh/id_ed25519": Invalid attach information, both password and key information provided. Please provide either a password or key information
	// {10.0.0.4 0 azureuser REDACTED /home/me/.ssh/id_ed25519   false   false }
}

func ExampleSparkSubmitArgs() {
	rc := runconfig.New()
	rc.Framework = runconfig.FrameworkPySpark
	rc.HDI.YarnDeployMode = runconfig.YarnDeployModeClient
	rc.Environment.Spark.Packages = []runconfig.SparkPackage{{Group: "org.example", Artifact: "lib_2.12", Version: "1.0"}}
	rc.Environment.Spark.Repositories = nil
	rc.Spark.Configuration = map[string]string{"spark.executor.memory": "2g"}
	fmt.Println(compute.SparkSubmitArgs(rc, "train.py", []string{"--rows", "100"}))
	// Output:
	// [--master yarn --deploy-mode client --packages org.example:lib_2.12:1.0 --conf spark.executor.memory=2g train.py --rows 100]
}

// This attaches a machine over SSH once; later processes get it back with
// compute.Get and run jobs on it (experiment.Submit does that for a run
// configuration whose target is "gpu-vm").
func ExampleAttachRemoteVM() {
	ctx := context.Background()
	ws, err := workspace.Local(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	op, err := compute.AttachRemoteVM(ctx, ws, "gpu-vm", &compute.RemoteVMAttachConfig{
		Address: "10.0.0.4", Username: "azureuser", PrivateKeyFile: os.ExpandEnv("$HOME/.ssh/id_ed25519"),
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	vm, err := op.WaitForCompletion(ctx, os.Stdout)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(vm.Host().OS, vm.Host().Python)
}

func ExampleRemoteVM_WithCredentials() {
	ctx := context.Background()
	ws, err := workspace.Local(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	t, err := compute.Get(ctx, ws, "gpu-vm")
	if err != nil {
		fmt.Println(err)
		return
	}
	if vm, ok := t.(*compute.RemoteVM); ok {
		// The password is never stored in the workspace: pass it here, or
		// set the variable the attach named in PasswordEnv.
		vm = vm.WithCredentials(compute.Credentials{Password: os.Getenv("VM_PASSWORD")})
		fmt.Println(vm.Name())
	}
}
