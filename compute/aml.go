package compute

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace"
)

// AmlCompute is an Azure Machine Learning compute cluster (kind
// AmlCompute) of an Azure workspace, as it was when last read: the Python
// SDK's AmlCompute. Get one from [CreateAmlCompute], [Get] or [List].
// Its getters do no I/O; the methods that take a context call Azure. It
// is safe for concurrent use.
type AmlCompute struct {
	ws     *workspace.Workspace
	name   string
	id     string
	loc    string
	desc   string
	tags   map[string]string
	vmSize string
	prio   VMPriority
	scale  ScaleSettings
	status AmlComputeStatus
}

var _ Target = (*AmlCompute)(nil)

// ScaleSettings bound a cluster's size.
type ScaleSettings struct {
	MinNodes, MaxNodes int
	// IdleSecondsBeforeScaleDown is how long a node stays idle before it
	// is removed.
	IdleSecondsBeforeScaleDown int
}

// NodeStateCounts counts a cluster's nodes by state.
type NodeStateCounts struct {
	Idle, Running, Preparing, Unusable, Leaving, Preempted int
}

// AmlComputeStatus is the state of a cluster (the Python SDK's
// AmlComputeStatus): provisioning and allocation state, node counts and
// errors.
type AmlComputeStatus struct {
	// ProvisioningState is Creating, Succeeded, Failed, Deleting...
	ProvisioningState string
	// AllocationState is Steady or Resizing.
	AllocationState string
	// CurrentNodeCount and TargetNodeCount are the cluster's size now and
	// the size it is moving to.
	CurrentNodeCount, TargetNodeCount int
	// NodeStateCounts counts the nodes by state.
	NodeStateCounts NodeStateCounts
	// Errors are the provisioning errors and node setup errors.
	Errors []ErrorInfo
}

// String summarizes the status on one line.
func (s AmlComputeStatus) String() string {
	n := s.NodeStateCounts
	return fmt.Sprintf("%s, allocation %s, current nodes %d, target nodes %d (idle %d, running %d, preparing %d, "+
		"unusable %d, leaving %d, preempted %d), %d errors", s.ProvisioningState, orUnknown(s.AllocationState),
		s.CurrentNodeCount, s.TargetNodeCount, n.Idle, n.Running, n.Preparing, n.Unusable, n.Leaving, n.Preempted, len(s.Errors))
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// Name implements [Target].
func (a *AmlCompute) Name() string { return a.name }

// Kind implements [Target]: KindAmlCompute.
func (a *AmlCompute) Kind() Kind { return KindAmlCompute }

// ID returns the cluster's ARM resource id.
func (a *AmlCompute) ID() string { return a.id }

// Location returns the cluster's region.
func (a *AmlCompute) Location() string { return a.loc }

// VMSize returns the nodes' VM size.
func (a *AmlCompute) VMSize() string { return a.vmSize }

// VMPriority returns the nodes' priority.
func (a *AmlCompute) VMPriority() VMPriority { return a.prio }

// ScaleSettings returns the cluster's size bounds.
func (a *AmlCompute) ScaleSettings() ScaleSettings { return a.scale }

// Description returns the cluster's description.
func (a *AmlCompute) Description() string { return a.desc }

// Tags returns a copy of the cluster's tags.
func (a *AmlCompute) Tags() map[string]string { return maps.Clone(a.tags) }

// Status returns the status as last read (no I/O); see
// [AmlCompute.GetStatus] for the current one.
func (a *AmlCompute) Status() AmlComputeStatus { return cloneStatus(a.status) }

// GetStatus reads the cluster's current status from Azure.
func (a *AmlCompute) GetStatus(ctx context.Context) (*AmlComputeStatus, error) {
	cur, err := a.refresh(ctx)
	if err != nil {
		return nil, err
	}
	s := cloneStatus(cur.status)
	return &s, nil
}

// refresh reads the cluster again.
func (a *AmlCompute) refresh(ctx context.Context) (*AmlCompute, error) {
	conn, err := connect(a.ws, "get")
	if err != nil {
		return nil, err
	}
	res, err := conn.c.GetCompute(ctx, conn.id, a.name)
	if err != nil {
		return nil, azureError(a.ws, "get", a.name, err)
	}
	t := targetOf(a.ws, res)
	cur, ok := t.(*AmlCompute)
	if !ok {
		return nil, &ServiceError{Operation: "get", Name: a.name, Code: "UnexpectedComputeType",
			Message: "the compute is now of type " + string(t.Kind())}
	}
	return cur, nil
}

func cloneStatus(s AmlComputeStatus) AmlComputeStatus {
	s.Errors = append([]ErrorInfo(nil), s.Errors...)
	return s
}

// amlFromARM builds an *AmlCompute from the service's resource.
func amlFromARM(ws *workspace.Workspace, res *arm.ComputeResource, p *arm.AmlComputeProperties) *AmlCompute {
	a := &AmlCompute{ws: ws, name: res.Name, id: res.ID, loc: res.Location, tags: maps.Clone(res.Tags),
		vmSize: p.VMSize, prio: VMPriority(strings.ToLower(string(p.VMPriority)))}
	if c := res.Properties; c != nil {
		a.desc = c.Description
		a.status.ProvisioningState = string(c.ProvisioningState)
		a.status.Errors = appendErrors(a.status.Errors, c.ProvisioningErrors)
	}
	if s := p.ScaleSettings; s != nil {
		a.scale = ScaleSettings{MinNodes: int(s.MinNodeCount), MaxNodes: int(s.MaxNodeCount),
			IdleSecondsBeforeScaleDown: isoToSeconds(s.NodeIdleTimeBeforeScaleDown)}
	}
	a.status.AllocationState = string(p.AllocationState)
	a.status.CurrentNodeCount, a.status.TargetNodeCount = int(p.CurrentNodeCount), int(p.TargetNodeCount)
	if n := p.NodeStateCounts; n != nil {
		a.status.NodeStateCounts = NodeStateCounts{Idle: int(n.IdleNodeCount), Running: int(n.RunningNodeCount),
			Preparing: int(n.PreparingNodeCount), Unusable: int(n.UnusableNodeCount), Leaving: int(n.LeavingNodeCount),
			Preempted: int(n.PreemptedNodeCount)}
	}
	a.status.Errors = appendErrors(a.status.Errors, p.Errors)
	return a
}

func appendErrors(dst []ErrorInfo, src []arm.ErrorResponse) []ErrorInfo {
	for _, e := range src {
		if e.Error != nil {
			dst = append(dst, ErrorInfo{Code: e.Error.Code, Message: e.Error.Message})
		}
	}
	return dst
}

// isoToSeconds reads the ISO 8601 durations the service sends for idle
// time (PT120S, PT5M, PT1H30M); 0 when it cannot.
func isoToSeconds(d string) int {
	rest, ok := strings.CutPrefix(strings.ToUpper(d), "PT")
	if !ok {
		return 0
	}
	total, n := 0, 0
	for _, c := range rest {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c == 'H':
			total, n = total+n*3600, 0
		case c == 'M':
			total, n = total+n*60, 0
		case c == 'S':
			total, n = total+n, 0
		default:
			return 0
		}
	}
	return total
}
