package compute

import (
	"context"
	"errors"
	"fmt"

	"github.com/azureml-go/azureml/internal/arm"
)

// createCluster creates the run-based cluster of job and waits until it
// is ready. An existing cluster of that name is reused as it is.
func (r *AzureRunner) createCluster(ctx context.Context, job *Job) (*RunBasedCluster, error) {
	cl, err := RunBasedClusterFor(job.Config, job.RunID)
	if err != nil {
		return nil, err
	}
	op, err := CreateAmlCompute(ctx, r.ws, cl.Name, cl.Config)
	if err != nil {
		return nil, err
	}
	if _, err := op.WaitForCompletion(ctx, nil); err != nil {
		return nil, fmt.Errorf("compute: creating the cluster %s for run %s: %w", cl.Name, job.RunID, err)
	}
	r.opts.Logger.Debug("compute: run-based cluster ready", "run", job.RunID, "cluster", cl.Name)
	return cl, nil
}

// cleanup deletes the run-based cluster a finished job names in its
// properties; a cluster already gone is fine.
func (r *AzureRunner) cleanup(ctx context.Context, j *arm.Job) error {
	if j.Properties == nil || j.Properties.Properties[PropertyRunBasedCluster] == "" {
		return nil
	}
	return r.deleteCluster(ctx, j.Properties.Properties[PropertyRunBasedCluster])
}

// deleteCluster deletes the cluster name and waits until it is gone.
func (r *AzureRunner) deleteCluster(ctx context.Context, name string) error {
	op, err := Delete(ctx, r.ws, name)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		return fmt.Errorf("compute: deleting the run's cluster %s: %w", name, err)
	}
	if _, err := op.WaitForCompletion(ctx, nil); err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("compute: deleting the run's cluster %s: %w", name, err)
	}
	r.opts.Logger.Debug("compute: run-based cluster deleted", "cluster", name)
	return nil
}
