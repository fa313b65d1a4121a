package compute

import (
	"strings"

	"github.com/azureml-go/azureml/runconfig"
)

// RunBasedCluster is the temporary AmlCompute cluster a run creates when
// its configuration's target is "amlcompute": the run creates it before it
// starts and deletes it when it ends, unless Retain is set.
type RunBasedCluster struct {
	// Name is the cluster's name: amlcompute.name, else one derived from
	// the run id.
	Name string
	// Config is the cluster's provisioning configuration.
	Config *AmlComputeProvisioningConfig
	// Retain keeps the cluster after the run (amlcompute.retainCluster).
	Retain bool
}

// RunBasedClusterFor returns the cluster that rc asks for when rc.Target
// is "amlcompute": amlcompute.vmSize (required) and vmPriority, at most
// amlcompute.clusterMaxNodeCount nodes (rc.NodeCount when unset), none
// when idle. It does no I/O; the result is validated, and errors are
// *[ProvisioningConfigError] naming the run configuration's field.
func RunBasedClusterFor(rc *runconfig.RunConfiguration, runID string) (*RunBasedCluster, error) {
	if rc == nil {
		return nil, &ProvisioningConfigError{Field: "run_config", Reason: "must not be nil"}
	}
	if rc.Target != runconfig.TargetAmlCompute {
		return nil, &ProvisioningConfigError{Field: "target", Value: rc.Target,
			Reason: `must be "amlcompute" for a cluster created for the run`}
	}
	a := rc.AmlCompute
	maxNodes := a.ClusterMaxNodeCount
	if maxNodes == 0 {
		maxNodes = max(rc.NodeCount, 1)
	}
	cfg := &AmlComputeProvisioningConfig{VMSize: a.VMSize, VMPriority: VMPriority(a.VMPriority), MaxNodes: maxNodes,
		Description: "created for run " + runID}
	if err := cfg.Validate(); err != nil {
		pe := err.(*ProvisioningConfigError)
		if f, ok := map[string]string{"max_nodes": "cluster_max_node_count", "min_nodes": "cluster_max_node_count"}[pe.Field]; ok {
			pe.Field = f
		}
		pe.Field = "amlcompute." + pe.Field
		return nil, pe
	}
	name := a.Name
	if name == "" {
		name = clusterNameFor(runID)
	}
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	return &RunBasedCluster{Name: name, Config: cfg, Retain: a.RetainCluster}, nil
}

// clusterNameFor derives a valid cluster name from a run id: "run"
// followed by its letters and digits, lower-cased, 24 characters at most.
func clusterNameFor(runID string) string {
	var b strings.Builder
	b.WriteString("run")
	for _, c := range strings.ToLower(runID) {
		if b.Len() == 24 {
			break
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}
