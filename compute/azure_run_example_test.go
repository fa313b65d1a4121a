package compute_test

import (
	"context"
	"fmt"
	"log"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// ExampleNewAzureRunner submits a script to an AmlCompute cluster of the
// Azure workspace of config.json through an AzureRunner with upload
// progress, and streams its log. (experiment.Submit makes such a runner
// by itself for an Azure target; pass one to choose its options.)
func ExampleNewAzureRunner() {
	ctx := context.Background()
	ws, err := workspace.FromConfig(ctx, "", &workspace.FromConfigOptions{RequireConfig: true})
	if err != nil {
		log.Fatal(err)
	}
	cluster, err := compute.Get(ctx, ws, "cpu-cluster")
	if err != nil {
		log.Fatal(err)
	}
	runner, err := compute.NewAzureRunner(ws, cluster, &compute.AzureRunOptions{
		UploadProgress: func(p compute.UploadProgress) {
			fmt.Printf("\rupload: %d/%d files, %d bytes sent", p.FilesDone, p.FilesTotal, p.BytesSent)
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	exp, err := experiment.New(ws, "train")
	if err != nil {
		log.Fatal(err)
	}
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: "train", Script: "train.py", RunConfig: runconfig.New()}
	run, err := exp.Submit(ctx, cfg, &experiment.SubmitOptions{Target: runner})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := run.WaitForCompletion(ctx, &experiment.WaitOptions{Output: log.Writer()}); err != nil {
		log.Fatal(err)
	}
}
