package arm

import "encoding/json"

// VMPriority is the priority of AmlCompute nodes.
type VMPriority string

// VM priorities.
const (
	VMPriorityDedicated   VMPriority = "Dedicated"
	VMPriorityLowPriority VMPriority = "LowPriority"
)

// RemoteLoginPortPublicAccess says whether the nodes' SSH port is open.
type RemoteLoginPortPublicAccess string

// Remote login port settings.
const (
	RemoteLoginPortPublicAccessEnabled      RemoteLoginPortPublicAccess = "Enabled"
	RemoteLoginPortPublicAccessDisabled     RemoteLoginPortPublicAccess = "Disabled"
	RemoteLoginPortPublicAccessNotSpecified RemoteLoginPortPublicAccess = "NotSpecified"
)

// AllocationState is whether an AmlCompute cluster is resizing.
type AllocationState string

// Allocation states.
const (
	AllocationStateSteady   AllocationState = "Steady"
	AllocationStateResizing AllocationState = "Resizing"
)

// AmlComputeProperties are the properties of an AmlCompute cluster.
type AmlComputeProperties struct {
	VMSize                      string                      `json:"vmSize,omitempty"`
	VMPriority                  VMPriority                  `json:"vmPriority,omitempty"`
	OSType                      string                      `json:"osType,omitempty"`
	ScaleSettings               *ScaleSettings              `json:"scaleSettings,omitempty"`
	UserAccountCredentials      *UserAccountCredentials     `json:"userAccountCredentials,omitempty"`
	Subnet                      *ResourceID                 `json:"subnet,omitempty"`
	RemoteLoginPortPublicAccess RemoteLoginPortPublicAccess `json:"remoteLoginPortPublicAccess,omitempty"`
	EnableNodePublicIP          *bool                       `json:"enableNodePublicIp,omitempty"`

	// Read-only.
	AllocationState               AllocationState  `json:"allocationState,omitempty"`
	AllocationStateTransitionTime *DateTime        `json:"allocationStateTransitionTime,omitempty"`
	CurrentNodeCount              int32            `json:"currentNodeCount,omitempty"`
	TargetNodeCount               int32            `json:"targetNodeCount,omitempty"`
	NodeStateCounts               *NodeStateCounts `json:"nodeStateCounts,omitempty"`
	Errors                        []ErrorResponse  `json:"errors,omitempty"`
}

// ComputeType implements ComputeProperties.
func (*AmlComputeProperties) ComputeType() ComputeType { return ComputeTypeAmlCompute }

func (p *AmlComputeProperties) wireJSON() ([]byte, error) {
	type alias AmlComputeProperties
	return json.Marshal(struct {
		*alias
		UserAccountCredentials *userAccountCredentialsWire `json:"userAccountCredentials,omitempty"`
	}{(*alias)(p), p.UserAccountCredentials.wire()})
}

// ScaleSettings bound an AmlCompute cluster's size.
type ScaleSettings struct {
	MaxNodeCount int32 `json:"maxNodeCount"`
	MinNodeCount int32 `json:"minNodeCount"`
	// NodeIdleTimeBeforeScaleDown is an ISO 8601 duration, e.g. "PT120S".
	NodeIdleTimeBeforeScaleDown string `json:"nodeIdleTimeBeforeScaleDown,omitempty"`
}

// UserAccountCredentials is the administrator account of AmlCompute nodes.
type UserAccountCredentials struct {
	AdminUserName         string `json:"adminUserName"`
	AdminUserPassword     Secret `json:"adminUserPassword,omitempty"`
	AdminUserSSHPublicKey string `json:"adminUserSshPublicKey,omitempty"`
}

type userAccountCredentialsWire struct {
	AdminUserName         string  `json:"adminUserName"`
	AdminUserPassword     *string `json:"adminUserPassword,omitempty"`
	AdminUserSSHPublicKey string  `json:"adminUserSshPublicKey,omitempty"`
}

func (u *UserAccountCredentials) wire() *userAccountCredentialsWire {
	if u == nil {
		return nil
	}
	return &userAccountCredentialsWire{u.AdminUserName, u.AdminUserPassword.wire(), u.AdminUserSSHPublicKey}
}

// ResourceID refers to another ARM resource (a subnet).
type ResourceID struct {
	ID string `json:"id"`
}

// NodeStateCounts counts an AmlCompute cluster's nodes by state.
type NodeStateCounts struct {
	IdleNodeCount      int32 `json:"idleNodeCount"`
	RunningNodeCount   int32 `json:"runningNodeCount"`
	PreparingNodeCount int32 `json:"preparingNodeCount"`
	UnusableNodeCount  int32 `json:"unusableNodeCount"`
	LeavingNodeCount   int32 `json:"leavingNodeCount"`
	PreemptedNodeCount int32 `json:"preemptedNodeCount"`
}

// ClusterUpdateParameters is the PATCH body of Compute_Update:
// {"properties":{"properties":{"scaleSettings":{...}}}}.
type ClusterUpdateParameters struct {
	Properties *ClusterUpdateProperties `json:"properties,omitempty"`
}

// ClusterUpdateProperties wraps the updatable AmlCompute properties.
type ClusterUpdateProperties struct {
	Properties *ScaleSettingsInformation `json:"properties,omitempty"`
}

// ScaleSettingsInformation holds new scale settings.
type ScaleSettingsInformation struct {
	ScaleSettings *ScaleSettings `json:"scaleSettings,omitempty"`
}

// NewScaleUpdate returns the PATCH body that sets a cluster's scale settings.
func NewScaleUpdate(s ScaleSettings) *ClusterUpdateParameters {
	return &ClusterUpdateParameters{Properties: &ClusterUpdateProperties{
		Properties: &ScaleSettingsInformation{ScaleSettings: &s},
	}}
}

// NodeState is the state of one AmlCompute node (lower-case on the wire).
type NodeState string

// Node states.
const (
	NodeStateIdle      NodeState = "idle"
	NodeStateRunning   NodeState = "running"
	NodeStatePreparing NodeState = "preparing"
	NodeStateUnusable  NodeState = "unusable"
	NodeStateLeaving   NodeState = "leaving"
	NodeStatePreempted NodeState = "preempted"
)

// AmlComputeNodeInformation describes one node of an AmlCompute cluster.
type AmlComputeNodeInformation struct {
	NodeID           string    `json:"nodeId,omitempty"`
	PrivateIPAddress string    `json:"privateIpAddress,omitempty"`
	PublicIPAddress  string    `json:"publicIpAddress,omitempty"`
	Port             int32     `json:"port,omitempty"`
	NodeState        NodeState `json:"nodeState,omitempty"`
	RunID            string    `json:"runId,omitempty"`
}

// NodeList is one page of Compute_ListNodes.
type NodeList struct {
	Nodes    []AmlComputeNodeInformation `json:"nodes"`
	NextLink string                      `json:"nextLink,omitempty"`
}
