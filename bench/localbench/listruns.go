package main

import (
	"context"
	"fmt"
	"time"

	"github.com/azureml-go/azureml/compute/computetest"
	"github.com/azureml-go/azureml/experiment"
)

// listRuns records runs runs (on a mock target: only the records matter)
// and prints listruns-1000, the median time of ListRuns over them.
func (b *bench) listRuns(ctx context.Context, n, runs int) error {
	exp, err := experiment.New(b.ws, "listing")
	if err != nil {
		return err
	}
	mock := computetest.NewTarget("mock", computetest.Succeeds())
	seedStart := time.Now()
	for range runs {
		if _, err := exp.Submit(ctx, b.config("pass.py"), &experiment.SubmitOptions{Target: mock}); err != nil {
			return err
		}
	}
	seed := time.Since(seedStart)
	var got int
	times, err := timeN(n, func() error {
		list, err := exp.ListRuns(ctx, nil)
		got = len(list)
		return err
	})
	if err != nil {
		return err
	}
	if got != runs {
		return fmt.Errorf("ListRuns returned %d runs, want %d", got, runs)
	}
	fmt.Printf("bench: listruns-%d ms=%.1f goal<=50 (p100 %.1f ms, n=%d; recording %d runs took %.1f s)\n",
		runs, ms(median(times)), ms(percentile(times, 100)), n, runs, seed.Seconds())
	return nil
}
