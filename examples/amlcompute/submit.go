package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
)

// submitScript submits the training script of examples/local (or
// -source) to the cluster as a run of experiment -experiment, streams its
// log until it ends, and prints where its outputs were downloaded.
func submitScript(ctx context.Context, s *session) error {
	if s.opts.source == "-" {
		return nil
	}
	exp, err := experiment.New(s.ws, s.opts.experiment)
	if err != nil {
		return err
	}
	rc := runconfig.New()
	if s.opts.python != "" { // the image's (or this machine's) python, as is
		rc.Environment.Python.UserManagedDependencies = true
		rc.Environment.Python.InterpreterPath = s.opts.python
	}
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: sourceFolder(s.opts.source), Script: "train.py",
		Arguments: []string{"--epochs", "50", "--lr", "0.1"}, Target: s.cluster.Name(), RunConfig: rc}
	run, err := exp.Submit(ctx, cfg, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "submitted run %s to cluster %s\n", run.ID(), s.cluster.Name())
	if url, err := run.PortalURL(ctx); err == nil && url != "" {
		fmt.Fprintf(s.out, "Web View: %s\n", url)
	}
	d, err := run.WaitForCompletion(ctx, &experiment.WaitOptions{Output: s.out})
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "run %s %s; outputs %v in %s\n", d.RunID, d.Status, d.OutputFiles, run.Dir())
	return nil
}

// sourceFolder is -source, or the training folder of examples/local.
func sourceFolder(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	const rel = "examples/local/train"
	if fi, err := os.Stat(rel); err == nil && fi.IsDir() {
		return rel
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		return filepath.Join(filepath.Dir(file), "..", "local", "train")
	}
	return rel
}
