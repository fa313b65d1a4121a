package experiment

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// AzureCacheEnv names the environment variable that, when set, is the
// folder under which the runs of Azure workspaces are recorded on this
// machine instead of <user cache dir>/azureml-go/azure.
const AzureCacheEnv = "AZUREML_GO_AZURE_CACHE"

// azureHomeDir is where this machine keeps the records of an Azure
// workspace's runs: <cache>/<subscription>/<resource group>/<workspace>,
// with <cache> $AZUREML_GO_AZURE_CACHE or <user cache dir>/azureml-go/azure.
// It holds the run index and records (as a local workspace does), the
// downloaded outputs and logs under runs/<id>/, and uploads/, the last code
// upload of each source folder. The job in Azure stays the source of truth
// for a run's status; the folder can be deleted at any time, losing only
// the local copies and the server-side copy shortcut of the next upload.
func azureHomeDir(ws *workspace.Workspace) (string, error) {
	base := os.Getenv(AzureCacheEnv)
	if base == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("experiment: no folder to record the runs of Azure workspace %s in: %w", ws.Name(), err)
		}
		base = filepath.Join(dir, "azureml-go", "azure")
	}
	return filepath.Join(base, ws.SubscriptionID(), ws.ResourceGroup(), ws.Name()), nil
}

// homeDir is the folder that records the runs of ws: its own folder for a
// local workspace, azureHomeDir for an Azure one.
func homeDir(ws *workspace.Workspace) (string, error) {
	if dir := ws.LocalDir(); dir != "" || ws.IsLocal() {
		return dir, nil
	}
	return azureHomeDir(ws)
}

// azureRunnerFor returns the runner of target name in an Azure workspace
// (ok false for a local workspace, or when the caller gave a target):
// "amlcompute" makes a run-based runner, after checking cfg's amlcompute
// settings; an AmlCompute, or a VM or HDInsight attached to the workspace,
// runs Azure ML command jobs. cfg may be nil when re-attaching.
func azureRunnerFor(ctx context.Context, ws *workspace.Workspace, name string, cfg *runconfig.RunConfiguration, given compute.Target) (compute.Runner, bool, error) {
	if ws.IsLocal() || given != nil || name == "" || name == compute.LocalName {
		return nil, false, nil
	}
	dir, err := azureHomeDir(ws)
	if err != nil {
		return nil, true, err
	}
	opts := &compute.AzureRunOptions{StateDir: filepath.Join(dir, "uploads")}
	if name == compute.RunBasedTargetName {
		if cfg != nil {
			if _, err := compute.RunBasedClusterFor(cfg, "validation"); err != nil {
				return nil, true, fmt.Errorf("experiment: invalid run configuration: %w", err)
			}
		}
		r, err := compute.NewRunBasedRunner(ws, opts)
		return r, true, err
	}
	t, err := compute.Get(ctx, ws, name)
	if err != nil {
		if ctx.Err() != nil {
			return nil, true, err
		}
		return nil, true, &ValidationError{Field: "target", Value: name, Reason: "no such compute target in the workspace", Err: err}
	}
	r, err := compute.NewAzureRunner(ws, t, opts)
	if err != nil {
		return nil, true, &ValidationError{Field: "target", Value: name, Reason: "cannot run jobs from this SDK", Err: err}
	}
	return r, true, nil
}

// resolveTarget is resolveRunner with Azure targets handled first.
func resolveTarget(ctx context.Context, ws *workspace.Workspace, cfg *runconfig.RunConfiguration, given compute.Target) (compute.Runner, error) {
	if r, ok, err := azureRunnerFor(ctx, ws, cfg.Target, cfg, given); ok {
		return r, err
	}
	return resolveRunner(ctx, ws, cfg.Target, given)
}

// metadataSetter is a runner whose jobs carry tags and properties of
// their own (an Azure job).
type metadataSetter interface {
	SetJobMetadata(ctx context.Context, job *compute.Job, meta *compute.JobMetadata) error
}

// pushMetadata copies the run's recorded tags and properties (git's
// included) to its job on a target that keeps them, and records the job's
// studio page; other targets need nothing.
func pushMetadata(ctx context.Context, run *Run, rec *runRecord) error {
	ms, ok := run.runner.(metadataSetter)
	if !ok || rec == nil {
		return nil
	}
	err := ms.SetJobMetadata(ctx, run.job, &compute.JobMetadata{Tags: rec.Tags, Properties: rec.Properties})
	if err != nil {
		return fmt.Errorf("experiment: run %s: recording tags and properties on the job: %w", run.id, err)
	}
	url, err := run.PortalURL(ctx)
	if err != nil || url == "" {
		return err
	}
	_, err = updateRecord(ctx, run.h.st, run.id, liveWrite, func(r *runRecord) bool {
		r.PortalURL = url
		return true
	})
	return err
}

// portalURLer is a runner that knows a job's page in Azure ML studio.
type portalURLer interface {
	StudioURL(ctx context.Context, job *compute.Job) (string, error)
}

// PortalURL returns the run's page in Azure ML studio (the SDK's
// get_portal_url), or "" for a run whose target has none (local, SSH).
func (r *Run) PortalURL(ctx context.Context) (string, error) {
	p, ok := r.runner.(portalURLer)
	if !ok {
		return "", nil
	}
	u, err := p.StudioURL(ctx, r.job)
	if err != nil {
		return "", fmt.Errorf("experiment: run %s: portal url: %w", r.id, err)
	}
	return u, nil
}
