package compute

import (
	"context"
	"strconv"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace"
)

// AmlComputeUpdate changes a cluster's scale settings; nil fields keep
// their current value.
type AmlComputeUpdate struct {
	MinNodes                   *int
	MaxNodes                   *int
	IdleSecondsBeforeScaleDown *int
}

// Update changes the cluster's minimum and maximum node counts and idle
// time before scale-down (Compute_Update, PATCH). It reads the current
// settings first (the service needs all of them), checks the result
// before sending (a *[ProvisioningConfigError]), and returns the
// operation, which ends with the updated cluster.
func (a *AmlCompute) Update(ctx context.Context, u *AmlComputeUpdate) (*AzureOperation[*AmlCompute], error) {
	if u == nil {
		return nil, &ProvisioningConfigError{Field: "update", Reason: "must not be nil"}
	}
	if err := checkUpdate(u); err != nil {
		return nil, err
	}
	cur, err := a.refresh(ctx)
	if err != nil {
		return nil, err
	}
	s := cur.scale
	for _, f := range []struct {
		dst *int
		src *int
	}{{&s.MinNodes, u.MinNodes}, {&s.MaxNodes, u.MaxNodes}, {&s.IdleSecondsBeforeScaleDown, u.IdleSecondsBeforeScaleDown}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if s.MinNodes > s.MaxNodes {
		return nil, &ProvisioningConfigError{Field: "min_nodes", Value: strconv.Itoa(s.MinNodes),
			Reason: "must not exceed max_nodes " + strconv.Itoa(s.MaxNodes)}
	}
	conn, err := connect(a.ws, "update")
	if err != nil {
		return nil, err
	}
	params := arm.NewScaleUpdate(arm.ScaleSettings{MinNodeCount: int32(s.MinNodes), MaxNodeCount: int32(s.MaxNodes),
		NodeIdleTimeBeforeScaleDown: isoSeconds(s.IdleSecondsBeforeScaleDown)})
	inner, err := conn.c.BeginUpdateCompute(ctx, conn.id, a.name, params, nil)
	if err != nil {
		return nil, azureError(a.ws, "update", a.name, err)
	}
	return newOperation(a.name, "Updating", conn.rec, inner, amlResult(conn, a.name), amlSummary)
}

func checkUpdate(u *AmlComputeUpdate) error {
	for _, f := range []struct {
		field string
		v     *int
		min   int
	}{{"min_nodes", u.MinNodes, 0}, {"max_nodes", u.MaxNodes, 1}, {"idle_seconds_before_scaledown", u.IdleSecondsBeforeScaleDown, 0}} {
		if f.v != nil && *f.v < f.min {
			return &ProvisioningConfigError{Field: f.field, Value: strconv.Itoa(*f.v), Reason: "must be >= " + strconv.Itoa(f.min)}
		}
	}
	return nil
}

// AmlComputeNode is one node of a cluster.
type AmlComputeNode struct {
	ID               string
	PrivateIPAddress string
	PublicIPAddress  string
	// Port is the node's SSH port.
	Port int
	// State is idle, running, preparing, unusable, leaving or preempted.
	State string
	// RunID is the run the node is working on, if any.
	RunID string
}

// ListNodes returns the cluster's nodes (Compute_ListNodes, every page).
func (a *AmlCompute) ListNodes(ctx context.Context) ([]AmlComputeNode, error) {
	conn, err := connect(a.ws, "list nodes")
	if err != nil {
		return nil, err
	}
	var out []AmlComputeNode
	pager := conn.c.NewListNodesPager(conn.id, a.name)
	for pager.More() {
		p, err := pager.NextPage(ctx)
		if err != nil {
			return nil, azureError(a.ws, "list nodes", a.name, err)
		}
		for _, n := range p.Nodes {
			out = append(out, AmlComputeNode{ID: n.NodeID, PrivateIPAddress: n.PrivateIPAddress,
				PublicIPAddress: n.PublicIPAddress, Port: int(n.Port), State: string(n.NodeState), RunID: n.RunID})
		}
	}
	return out, nil
}

// Delete starts deleting the cluster and its nodes (DELETE with
// underlyingResourceAction=Delete).
func (a *AmlCompute) Delete(ctx context.Context) (*AzureOperation[*DeleteResult], error) {
	return beginDelete(ctx, a.ws, a.name, arm.UnderlyingResourceActionDelete)
}

// DeleteResult is what a delete or detach ends with.
type DeleteResult struct {
	// Name is the target's name.
	Name string
	// Action is "Delete" (the underlying resource is gone) or "Detach"
	// (only the workspace forgot it).
	Action string
}

// beginDelete starts a DELETE of name with action.
func beginDelete(ctx context.Context, ws *workspace.Workspace, name string, action arm.UnderlyingResourceAction) (*AzureOperation[*DeleteResult], error) {
	if name == LocalName {
		return nil, &UnsupportedError{What: "deleting or detaching the local target", Hint: "it is built in"}
	}
	conn, err := connect(ws, string(action))
	if err != nil {
		return nil, err
	}
	op := "delete"
	if action == arm.UnderlyingResourceActionDetach {
		op = "detach"
	}
	inner, err := conn.c.BeginDeleteCompute(ctx, conn.id, name, action, nil)
	if err != nil {
		return nil, azureError(ws, op, name, err)
	}
	conv := func(ctx context.Context, _ arm.DeleteComputeResult, err error) (*DeleteResult, error) {
		if err != nil {
			return nil, provisioningError(ctx, conn, name, err)
		}
		return &DeleteResult{Name: name, Action: string(action)}, nil
	}
	return newOperation(name, "Deleting", conn.rec, inner, conv, nil)
}

// Delete starts deleting the compute name of the Azure workspace ws
// together with the resource behind it (underlyingResourceAction=Delete):
// the cluster of an AmlCompute, or an attached VM or cluster itself. Use
// [Detach] to only remove an attached target from the workspace.
func Delete(ctx context.Context, ws *workspace.Workspace, name string) (*AzureOperation[*DeleteResult], error) {
	return beginDelete(ctx, ws, name, arm.UnderlyingResourceActionDelete)
}

// VMSize is a VM size Azure ML offers in a region.
type VMSize struct {
	Name     string
	Family   string
	VCPUs    int
	GPUs     int
	MemoryGB float64
	// LowPriorityCapable says whether lowpriority nodes may use it.
	LowPriorityCapable bool
	// SupportedComputeTypes lists the compute types that accept it.
	SupportedComputeTypes []string
}

// SupportedVMSizes returns the VM sizes AmlCompute supports in location
// ("" means the workspace's) (VirtualMachineSizes_List).
func SupportedVMSizes(ctx context.Context, ws *workspace.Workspace, location string) ([]VMSize, error) {
	conn, err := connect(ws, "list VM sizes")
	if err != nil {
		return nil, err
	}
	if location == "" {
		if location, err = conn.location(ctx); err != nil {
			return nil, azureError(ws, "list VM sizes", ws.Name(), err)
		}
	}
	sizes, err := conn.c.ListVMSizes(ctx, ws.SubscriptionID(), location)
	if err != nil {
		return nil, azureError(ws, "list VM sizes", location, err)
	}
	var out []VMSize
	for _, s := range sizes {
		out = append(out, VMSize{Name: s.Name, Family: s.Family, VCPUs: int(s.VCPUs), GPUs: int(s.GPUs), MemoryGB: s.MemoryGB,
			LowPriorityCapable:    s.LowPriorityCapable != nil && *s.LowPriorityCapable,
			SupportedComputeTypes: append([]string(nil), s.SupportedComputeTypes...)})
	}
	return out, nil
}
