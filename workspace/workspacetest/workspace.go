package workspacetest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// discoveryPath is where the workspace's discoveryUrl points.
const discoveryPath = "/discovery"

// getWorkspace serves Workspaces_Get.
func (s *Server) getWorkspace(w http.ResponseWriter) {
	o := s.opts
	rgID := "/subscriptions/" + o.SubscriptionID + "/resourceGroups/" + o.ResourceGroup
	writeJSON(w, http.StatusOK, map[string]any{
		"id":       s.WorkspaceID(),
		"name":     o.Workspace,
		"type":     provider + "/workspaces",
		"location": o.Location,
		"tags":     map[string]string{},
		"sku":      map[string]string{"name": "Basic", "tier": "Basic"},
		"kind":     "Default",
		"identity": map[string]string{"type": "SystemAssigned",
			"principalId": "11111111-1111-1111-1111-111111111111", "tenantId": tenantID},
		"properties": map[string]any{
			"friendlyName":        o.Workspace,
			"workspaceId":         workspaceGUID(o.Workspace),
			"tenantId":            tenantID,
			"discoveryUrl":        s.URL() + discoveryPath,
			"storageAccount":      s.storageAccountID(),
			"keyVault":            rgID + "/providers/Microsoft.KeyVault/vaults/kv-" + o.Workspace,
			"applicationInsights": rgID + "/providers/Microsoft.insights/components/ai-" + o.Workspace,
			"containerRegistry":   rgID + "/providers/Microsoft.ContainerRegistry/registries/cr" + storageName(o.Workspace),
			"mlFlowTrackingUri":   "azureml://" + strings.TrimPrefix(s.URL(), "https://") + "/mlflow/v1.0" + s.WorkspaceID(),
			"hbiWorkspace":        false,
			"publicNetworkAccess": "Enabled",
			"v1LegacyMode":        false,
			"provisioningState":   "Succeeded",
		},
	})
}

const tenantID = "22222222-2222-2222-2222-222222222222"

// workspaceGUID is a stable GUID-shaped id derived from the workspace name.
func workspaceGUID(name string) string {
	a, b := fnv64(name), fnv64("workspace/"+name)
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// storageName is a storage-account-like name (lower-case letters and digits).
func storageName(ws string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(ws) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return "st" + b.String()
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// discovery answers the discovery URL: the data-plane base is the emulator.
func (s *Server) discovery(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, map[string]string{"api": s.URL()})
}

// VMSize is one item of VirtualMachineSizes_List, with the service's JSON
// names.
type VMSize struct {
	Name                  string   `json:"name"`
	Family                string   `json:"family"`
	VCPUs                 int      `json:"vCPUs"`
	GPUs                  int      `json:"gpus"`
	OSVhdSizeMB           int      `json:"osVhdSizeMB"`
	MaxResourceVolumeMB   int      `json:"maxResourceVolumeMB"`
	MemoryGB              float64  `json:"memoryGB"`
	LowPriorityCapable    bool     `json:"lowPriorityCapable"`
	PremiumIO             bool     `json:"premiumIO"`
	SupportedComputeTypes []string `json:"supportedComputeTypes"`
}

// DefaultVMSizes is a small, realistic list of VM sizes (CPU and GPU) that
// a server serves and accepts when [Options.VMSizes] is empty.
func DefaultVMSizes() []VMSize {
	all := []string{"AmlCompute", "ComputeInstance"}
	size := func(name, family string, cpus, gpus int, memGB float64, resMB int, premium bool) VMSize {
		return VMSize{Name: name, Family: family, VCPUs: cpus, GPUs: gpus, OSVhdSizeMB: 1047552,
			MaxResourceVolumeMB: resMB, MemoryGB: memGB, LowPriorityCapable: true, PremiumIO: premium,
			SupportedComputeTypes: slices.Clone(all)}
	}
	return []VMSize{
		size("Standard_D1_v2", "standardDv2Family", 1, 0, 3.5, 51200, false),
		size("Standard_D2_v2", "standardDv2Family", 2, 0, 7, 102400, false),
		size("Standard_D3_v2", "standardDv2Family", 4, 0, 14, 204800, false),
		size("Standard_DS2_v2", "standardDSv2Family", 2, 0, 7, 14336, true),
		size("Standard_DS3_v2", "standardDSv2Family", 4, 0, 14, 28672, true),
		size("Standard_DS11_v2", "standardDSv2Family", 2, 0, 14, 28672, true),
		size("Standard_D4s_v3", "standardDSv3Family", 4, 0, 16, 32768, true),
		size("Standard_E4s_v3", "standardESv3Family", 4, 0, 32, 65536, true),
		size("Standard_NC6s_v3", "standardNCSv3Family", 6, 1, 112, 344064, true),
		size("Standard_NC24ads_A100_v4", "standardNCADSA100v4Family", 24, 1, 220, 65536, true),
	}
}

// vmSize finds a configured size by name, case-insensitively as the service does.
func (s *Server) vmSize(name string) (VMSize, bool) {
	for _, v := range s.opts.VMSizes {
		if strings.EqualFold(v.Name, name) {
			return v, true
		}
	}
	return VMSize{}, false
}

// listVMSizes serves VirtualMachineSizes_List for the server's location.
func (s *Server) listVMSizes(w http.ResponseWriter, location string) {
	if !strings.EqualFold(strings.ReplaceAll(location, " ", ""), s.opts.Location) {
		writeError(w, http.StatusBadRequest, "LocationNotAvailableForResourceType",
			"The provided location '"+location+"' is not available for resource type '"+provider+"/locations/vmSizes'.", "location")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"value": s.opts.VMSizes})
}
