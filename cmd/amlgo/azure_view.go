package main

import (
	"fmt"
	"io"

	"github.com/azureml-go/azureml/compute"
)

// scaleView is the "scale_settings" of an AmlCompute cluster's JSON.
type scaleView struct {
	MinNodes                   int `json:"min_nodes"`
	MaxNodes                   int `json:"max_nodes"`
	IdleSecondsBeforeScaleDown int `json:"idle_seconds_before_scaledown"`
}

// amlStatusView is the "status" of an AmlCompute cluster's JSON, as last
// read from Azure.
type amlStatusView struct {
	AllocationState  string         `json:"allocation_state"`
	CurrentNodeCount int            `json:"current_node_count"`
	TargetNodeCount  int            `json:"target_node_count"`
	NodeStateCounts  map[string]int `json:"node_state_counts"`
	Errors           []errorView    `json:"errors"`
}

// errorView is an error Azure reports about a compute.
type errorView struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// azureView fills the fields of the targets only an Azure workspace has.
func azureView(v *targetView, t compute.Target) {
	switch t := t.(type) {
	case *compute.AmlCompute:
		st, sc := t.Status(), t.ScaleSettings()
		v.ResourceID, v.Location, v.ProvisioningState = t.ID(), t.Location(), st.ProvisioningState
		v.VMSize, v.VMPriority, v.Description, v.Tags = t.VMSize(), string(t.VMPriority()), t.Description(), t.Tags()
		v.Scale = &scaleView{MinNodes: sc.MinNodes, MaxNodes: sc.MaxNodes, IdleSecondsBeforeScaleDown: sc.IdleSecondsBeforeScaleDown}
		n := st.NodeStateCounts
		v.Status = &amlStatusView{AllocationState: st.AllocationState, CurrentNodeCount: st.CurrentNodeCount,
			TargetNodeCount: st.TargetNodeCount, Errors: []errorView{},
			NodeStateCounts: map[string]int{"idle": n.Idle, "running": n.Running, "preparing": n.Preparing,
				"unusable": n.Unusable, "leaving": n.Leaving, "preempted": n.Preempted}}
		for _, e := range st.Errors {
			v.Status.Errors = append(v.Status.Errors, errorView{Code: e.Code, Message: e.Message})
		}
	case *compute.Databricks:
		v.ResourceID, v.ProvisioningState, v.WorkspaceURL = t.ResourceID(), t.ProvisioningState(), t.WorkspaceURL()
	case *compute.DataLakeAnalytics:
		v.ResourceID, v.ProvisioningState = t.ResourceID(), t.ProvisioningState()
	}
}

// azureTable writes the Azure fields of a target's detail table.
func (v targetView) azureTable(w io.Writer) {
	field(w, "resource id", v.ResourceID)
	field(w, "location", v.Location)
	field(w, "provisioning state", v.ProvisioningState)
	field(w, "workspace url", v.WorkspaceURL)
	field(w, "vm size", v.VMSize)
	field(w, "vm priority", v.VMPriority)
	if s := v.Scale; s != nil {
		field(w, "nodes", fmt.Sprintf("%d to %d, idle %ds before scale-down", s.MinNodes, s.MaxNodes, s.IdleSecondsBeforeScaleDown))
	}
	if s := v.Status; s != nil {
		c := s.NodeStateCounts
		field(w, "allocation", fmt.Sprintf("%s, %d nodes (target %d): idle %d, running %d, preparing %d, unusable %d, leaving %d, preempted %d",
			s.AllocationState, s.CurrentNodeCount, s.TargetNodeCount, c["idle"], c["running"], c["preparing"], c["unusable"], c["leaving"], c["preempted"]))
		for _, e := range s.Errors {
			field(w, "error", e.Code+": "+e.Message)
		}
	}
	field(w, "description", v.Description)
	for _, k := range sortedKeys(v.Tags) {
		field(w, "tag "+k, v.Tags[k])
	}
}
