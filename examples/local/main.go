// Command local trains a small logistic regression model on the local
// machine, with no Azure account and no set-up beyond Go and python3.
//
// It submits train/train.py (standard library only) as a run of the
// experiment "local-logreg" in the local workspace, streams the run's log,
// and prints the run id, its final status, the accuracy the script reported
// through its metrics file, and where the trained model is. From the root of
// a clone:
//
//	go run ./examples/local
//	go run ./examples/local -workspace /tmp/ws   # another workspace folder
//
// The workspace defaults to $AZUREML_GO_HOME, else the default local
// workspace folder (see workspace.DefaultLocalDir).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"

	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

func main() {
	wsDir := flag.String("workspace", "", "local workspace folder (default: $AZUREML_GO_HOME or the default local workspace)")
	source := flag.String("source", "", "the training folder (default: examples/local/train)")
	python := flag.String("python", "python3", "the Python interpreter to run the script with")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *wsDir, *source, *python); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, wsDir, source, python string) error {
	if source == "" {
		source = trainFolder()
	}
	ws, err := workspace.Local(ctx, &workspace.LocalOptions{Dir: wsDir})
	if err != nil {
		return err
	}
	exp, err := experiment.New(ws, "local-logreg")
	if err != nil {
		return err
	}
	rc := runconfig.New()
	rc.Environment.Python.UserManagedDependencies = true // use python3 as is
	rc.Environment.Python.InterpreterPath = python
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: source, Script: "train.py",
		Arguments: []string{"--epochs", "50", "--lr", "0.1"}, RunConfig: rc}
	r, err := exp.Submit(ctx, cfg, nil)
	if err != nil {
		return err
	}
	fmt.Printf("submitted run %s to target %s (workspace %s)\n", r.ID(), rc.Target, ws.LocalDir())
	d, err := r.WaitForCompletion(ctx, &experiment.WaitOptions{Output: os.Stdout})
	if err != nil {
		return err
	}
	return report(ctx, r, d)
}

// report prints the run's outcome: id, status, accuracy and outputs.
func report(ctx context.Context, r *experiment.Run, d *experiment.Details) error {
	metrics, err := r.Metrics(ctx)
	if err != nil {
		return err
	}
	acc := metrics["accuracy"]
	if len(acc) == 0 {
		return errors.New("local: the script reported no accuracy")
	}
	fmt.Printf("run id:   %s\nstatus:   %s\naccuracy: %.3f\n", d.RunID, d.Status, acc[len(acc)-1].Value)
	for _, f := range d.OutputFiles {
		fmt.Printf("output:   %s\n", filepath.Join(r.Dir(), filepath.FromSlash(f)))
	}
	return nil
}

// trainFolder finds the training folder: examples/local/train under the
// current folder (the root of a clone), else beside this source file.
func trainFolder() string {
	const rel = "examples/local/train"
	if fi, err := os.Stat(rel); err == nil && fi.IsDir() {
		return rel
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		return filepath.Join(filepath.Dir(file), "train")
	}
	return rel
}
