package compute

import (
	"context"
	"maps"

	"github.com/azureml-go/azureml/internal/arm"
)

// PropertyRunBasedCluster is the job property that names the temporary
// cluster a run-based job created, for whichever process sees the job end
// to delete it.
const PropertyRunBasedCluster = "azureml-go.runBasedCluster"

// Start uploads the job's snapshot (unless the workspace already has it),
// ensures its environment, and creates the command job named job.RunID.
// A run-based runner first creates the job's cluster and waits until it
// is ready. Start returns once the service has accepted the job.
func (r *AzureRunner) Start(ctx context.Context, job *Job) error {
	return r.StartWithMetadata(ctx, job, nil)
}

// StartWithMetadata is Start with the job's tags, properties and display
// name set from meta (nil: none).
func (r *AzureRunner) StartWithMetadata(ctx context.Context, job *Job, meta *JobMetadata) error {
	if job == nil || job.Config == nil || job.RunID == "" {
		return &UnsupportedError{What: "a job without a run id or run configuration", Hint: "submit through experiment.Submit"}
	}
	conn, err := r.connection()
	if err != nil {
		return err
	}
	m := JobMetadata{}
	if meta != nil {
		m = JobMetadata{DisplayName: meta.DisplayName, Tags: meta.Tags, Properties: maps.Clone(meta.Properties)}
	}
	computeName := r.name
	if r.runBased {
		cl, err := r.createCluster(ctx, job)
		if err != nil {
			return err
		}
		computeName = cl.Name
		if !cl.Retain {
			if m.Properties == nil {
				m.Properties = map[string]string{}
			}
			m.Properties[PropertyRunBasedCluster] = cl.Name
		}
	}
	err = r.submit(ctx, conn, job, computeName, &m)
	if err != nil && m.Properties[PropertyRunBasedCluster] != "" {
		_ = r.deleteCluster(context.WithoutCancel(ctx), computeName)
	}
	return err
}

// submit creates the code and environment versions, then the job.
func (r *AzureRunner) submit(ctx context.Context, conn *azureConn, job *Job, computeName string, meta *JobMetadata) error {
	codeID, err := r.ensureCode(ctx, conn, job)
	if err != nil {
		return err
	}
	envID, err := r.ensureEnvironment(ctx, conn, job.Config)
	if err != nil {
		return err
	}
	body := jobBody(job, codeID, envID, conn.id.ComputeID(computeName), meta)
	if _, err := conn.c.CreateOrUpdateJob(ctx, conn.id, job.RunID, body); err != nil {
		return azureError(r.ws, "create the job", job.RunID, err)
	}
	r.opts.Logger.Debug("compute: job created", "run", job.RunID, "compute", computeName, "code", codeID, "environment", envID)
	return nil
}

// SetJobMetadata merges meta's tags and properties into the job's (the
// fields a created job lets change) and sets its display name when meta
// has one. Experiment.Submit uses it to add the git properties, which are
// known only once the job has started.
func (r *AzureRunner) SetJobMetadata(ctx context.Context, job *Job, meta *JobMetadata) error {
	if meta == nil {
		return nil
	}
	conn, err := r.connection()
	if err != nil {
		return err
	}
	j, err := conn.c.GetJob(ctx, conn.id, job.RunID)
	if err != nil {
		return azureError(r.ws, "read the job", job.RunID, err)
	}
	p := j.Properties
	p.Tags, p.Properties = mergeMaps(p.Tags, meta.Tags), mergeMaps(p.Properties, meta.Properties)
	if meta.DisplayName != "" {
		p.DisplayName = meta.DisplayName
	}
	if _, err := conn.c.CreateOrUpdateJob(ctx, conn.id, job.RunID, &arm.Job{Properties: p}); err != nil {
		return azureError(r.ws, "update the job", job.RunID, err)
	}
	return nil
}

// StudioURL returns the job's page in Azure ML studio
// (services.Studio.endpoint), "" when the service gives none.
func (r *AzureRunner) StudioURL(ctx context.Context, job *Job) (string, error) {
	conn, err := r.connection()
	if err != nil {
		return "", err
	}
	j, err := conn.c.GetJob(ctx, conn.id, job.RunID)
	if err != nil {
		return "", azureError(r.ws, "read the job", job.RunID, err)
	}
	return j.Properties.StudioURL(), nil
}
