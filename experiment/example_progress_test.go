package experiment_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// Showing the upload of the snapshot while Submit sends it to the target
// (an AmlCompute cluster here; an attached VM or HDInsight over SSH works
// the same), on one line rewritten in place, then streaming the run.
func ExampleSubmitOptions_uploadProgress() {
	ctx := context.Background()
	ws, err := workspace.FromConfig(ctx, "", &workspace.FromConfigOptions{RequireConfig: true})
	if err != nil {
		log.Fatal(err)
	}
	exp, err := experiment.New(ws, "train")
	if err != nil {
		log.Fatal(err)
	}
	rc := runconfig.New()
	rc.Target = "cpu-cluster"
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: "train", Script: "train.py", RunConfig: rc}
	run, err := exp.Submit(ctx, cfg, &experiment.SubmitOptions{
		UploadProgress: func(p compute.UploadProgress) {
			fmt.Fprintf(os.Stderr, "\ruploading: %d/%d files, %d/%d bytes, %.0f bytes/s",
				p.FilesDone, p.FilesTotal, p.BytesDone, p.BytesTotal, p.BytesPerSecond)
			if p.Complete() {
				fmt.Fprintln(os.Stderr)
			}
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := run.WaitForCompletion(ctx, &experiment.WaitOptions{Output: os.Stdout}); err != nil {
		log.Fatal(err)
	}
}
