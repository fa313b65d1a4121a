package computetest_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/compute/computetest"
)

// submitAndWait stands for the code under test: it starts a job and
// streams its log until the job ends.
func submitAndWait(ctx context.Context, r compute.Runner, job *compute.Job) (compute.JobState, error) {
	if err := r.Start(ctx, job); err != nil {
		return "", err
	}
	_, st, err := r.Follow(ctx, job, 0, os.Stdout)
	if err != nil {
		return "", err
	}
	return st.State, nil
}

func ExampleNewTarget() {
	target := computetest.NewTarget("cpu-cluster", computetest.Succeeds("epoch 1: loss 0.9", "epoch 2: loss 0.4"))
	job := &compute.Job{RunID: "exp_1", Script: "train.py", Arguments: []string{"--epochs", "2"}}

	state, err := submitAndWait(context.Background(), target, job)
	fmt.Println(state, err)
	sub := target.Submitted()[0]
	fmt.Println(sub.Job.Script, sub.Job.Arguments)
	// Output:
	// epoch 1: loss 0.9
	// epoch 2: loss 0.4
	// Completed <nil>
	// train.py [--epochs 2]
}

func ExampleFails() {
	target := computetest.NewTarget("cpu-cluster", computetest.Fails(errors.New("CUDA out of memory"), "loading data"))
	job := &compute.Job{RunID: "exp_2", Script: "train.py"}
	ctx := context.Background()

	state, _ := submitAndWait(ctx, target, job)
	st, _ := target.Status(ctx, job)
	fmt.Println(state, *st.ExitCode, st.Error)
	// Output:
	// loading data
	// Failed 1 CUDA out of memory
}

func ExampleFailsToStart() {
	target := computetest.NewTarget("cpu-cluster", computetest.FailsToStart(errors.New("compute: quota exceeded")))
	_, err := submitAndWait(context.Background(), target, &compute.Job{RunID: "exp_3"})
	fmt.Println(err)
	// Output: compute: quota exceeded
}
