package arm

import (
	"encoding/json"
	"strings"
	"time"
)

// ProvisioningState is the provisioningState of a workspace or compute.
type ProvisioningState string

// Provisioning states (the spec's enum).
const (
	ProvisioningStateUnknown   ProvisioningState = "Unknown"
	ProvisioningStateUpdating  ProvisioningState = "Updating"
	ProvisioningStateCreating  ProvisioningState = "Creating"
	ProvisioningStateDeleting  ProvisioningState = "Deleting"
	ProvisioningStateSucceeded ProvisioningState = "Succeeded"
	ProvisioningStateFailed    ProvisioningState = "Failed"
	ProvisioningStateCanceled  ProvisioningState = "Canceled"
)

// Terminal reports whether no further change is expected (Succeeded,
// Failed or Canceled).
func (s ProvisioningState) Terminal() bool {
	switch s {
	case ProvisioningStateSucceeded, ProvisioningStateFailed, ProvisioningStateCanceled:
		return true
	}
	return false
}

// Workspace is a Microsoft.MachineLearningServices/workspaces resource.
type Workspace struct {
	ID         string               `json:"id,omitempty"`
	Name       string               `json:"name,omitempty"`
	Type       string               `json:"type,omitempty"`
	Location   string               `json:"location,omitempty"`
	Tags       map[string]string    `json:"tags,omitempty"`
	Properties *WorkspaceProperties `json:"properties,omitempty"`
}

// WorkspaceProperties are the workspace properties the SDK reads.
type WorkspaceProperties struct {
	FriendlyName        string `json:"friendlyName,omitempty"`
	Description         string `json:"description,omitempty"`
	DiscoveryURL        string `json:"discoveryUrl,omitempty"`
	StorageAccount      string `json:"storageAccount,omitempty"`
	KeyVault            string `json:"keyVault,omitempty"`
	ApplicationInsights string `json:"applicationInsights,omitempty"`
	ContainerRegistry   string `json:"containerRegistry,omitempty"`
	ImageBuildCompute   string `json:"imageBuildCompute,omitempty"`
	HbiWorkspace        *bool  `json:"hbiWorkspace,omitempty"`
	PublicNetworkAccess string `json:"publicNetworkAccess,omitempty"`
	V1LegacyMode        *bool  `json:"v1LegacyMode,omitempty"`

	// Read-only.
	WorkspaceID       string            `json:"workspaceId,omitempty"`
	TenantID          string            `json:"tenantId,omitempty"`
	MLFlowTrackingURI string            `json:"mlFlowTrackingUri,omitempty"`
	ProvisioningState ProvisioningState `json:"provisioningState,omitempty"`
}

// ErrorResponse is ARM's error envelope: {"error": {...}}.
type ErrorResponse struct {
	Error *ErrorDetail `json:"error,omitempty"`
}

// ErrorDetail is the body of an ARM error.
type ErrorDetail struct {
	Code           string                `json:"code,omitempty"`
	Message        string                `json:"message,omitempty"`
	Target         string                `json:"target,omitempty"`
	Details        []ErrorDetail         `json:"details,omitempty"`
	AdditionalInfo []ErrorAdditionalInfo `json:"additionalInfo,omitempty"`
}

// ErrorAdditionalInfo is extra, typed information attached to an error.
type ErrorAdditionalInfo struct {
	Type string          `json:"type,omitempty"`
	Info json.RawMessage `json:"info,omitempty"`
}

// VirtualMachineSize is one VM size a region offers to Azure ML.
type VirtualMachineSize struct {
	Name                  string   `json:"name,omitempty"`
	Family                string   `json:"family,omitempty"`
	VCPUs                 int32    `json:"vCPUs,omitempty"`
	GPUs                  int32    `json:"gpus,omitempty"`
	OSVhdSizeMB           int32    `json:"osVhdSizeMB,omitempty"`
	MaxResourceVolumeMB   int32    `json:"maxResourceVolumeMB,omitempty"`
	MemoryGB              float64  `json:"memoryGB,omitempty"`
	LowPriorityCapable    *bool    `json:"lowPriorityCapable,omitempty"`
	PremiumIO             *bool    `json:"premiumIO,omitempty"`
	SupportedComputeTypes []string `json:"supportedComputeTypes,omitempty"`
}

// DateTime is an ARM date-time. It reads RFC 3339 and also the zone-less
// form some services send (taken as UTC).
type DateTime struct{ time.Time }

var dateTimeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05.999999999Z0700"}

// UnmarshalJSON implements json.Unmarshaler.
func (d *DateTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	s = strings.TrimSpace(s)
	var first error
	for _, l := range dateTimeLayouts {
		t, err := time.Parse(l, s)
		if err == nil {
			d.Time = t
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// MarshalJSON writes RFC 3339 with nanoseconds.
func (d DateTime) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.Time.Format(time.RFC3339Nano))
}
