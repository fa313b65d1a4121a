package computetest

import (
	"maps"
	"slices"

	"github.com/azureml-go/azureml/compute"
)

// copyJob deep-copies what a caller could change after Start: the
// arguments, the environment and the run configuration.
func copyJob(job *compute.Job) compute.Job {
	c := *job
	c.Arguments = slices.Clone(job.Arguments)
	c.Env = maps.Clone(job.Env)
	if job.Config != nil {
		c.Config = job.Config.Clone()
	}
	return c
}
