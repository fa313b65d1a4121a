package workspacetest

import (
	"encoding/json"
	"time"
)

// The compute types the emulator serves, and whether each is attached
// (an existing resource registered in the workspace) rather than managed.
var computeTypes = map[string]bool{
	"AmlCompute":        false,
	"VirtualMachine":    true,
	"HDInsight":         true,
	"Databricks":        true,
	"DataLakeAnalytics": true,
}

// computeBody is the ComputeResource of a PUT.
type computeBody struct {
	Location string            `json:"location"`
	Tags     map[string]string `json:"tags"`
	Identity json.RawMessage   `json:"identity"`
	SKU      json.RawMessage   `json:"sku"`
	Props    *computeBodyProps `json:"properties"`
}

type computeBodyProps struct {
	ComputeType      string          `json:"computeType"`
	ComputeLocation  string          `json:"computeLocation"`
	Description      string          `json:"description"`
	ResourceID       string          `json:"resourceId"`
	DisableLocalAuth *bool           `json:"disableLocalAuth"`
	Properties       json.RawMessage `json:"properties"`
}

// amlProps is AmlComputeProperties as written by clients.
type amlProps struct {
	VMSize                      string          `json:"vmSize,omitempty"`
	VMPriority                  string          `json:"vmPriority,omitempty"`
	OSType                      string          `json:"osType,omitempty"`
	VirtualMachineImage         *idRef          `json:"virtualMachineImage,omitempty"`
	IsolatedNetwork             *bool           `json:"isolatedNetwork,omitempty"`
	ScaleSettings               *scaleSettings  `json:"scaleSettings,omitempty"`
	UserAccountCredentials      *userAccount    `json:"userAccountCredentials,omitempty"`
	Subnet                      *idRef          `json:"subnet,omitempty"`
	RemoteLoginPortPublicAccess string          `json:"remoteLoginPortPublicAccess,omitempty"`
	EnableNodePublicIP          *bool           `json:"enableNodePublicIp,omitempty"`
	PropertyBag                 json.RawMessage `json:"propertyBag,omitempty"`
}

type idRef struct {
	ID string `json:"id"`
}

type scaleSettings struct {
	MaxNodeCount                *int    `json:"maxNodeCount"`
	MinNodeCount                *int    `json:"minNodeCount,omitempty"`
	NodeIdleTimeBeforeScaleDown *string `json:"nodeIdleTimeBeforeScaleDown,omitempty"`
}

type userAccount struct {
	AdminUserName         string `json:"adminUserName"`
	AdminUserPassword     string `json:"adminUserPassword,omitempty"`
	AdminUserSSHPublicKey string `json:"adminUserSshPublicKey,omitempty"`
}

// vmProps is VirtualMachineSchemaProperties, and HDInsightProperties
// (address, sshPort, administratorAccount).
type vmProps struct {
	VirtualMachineSize        string    `json:"virtualMachineSize,omitempty"`
	SSHPort                   *int      `json:"sshPort,omitempty"`
	NotebookServerPort        *int      `json:"notebookServerPort,omitempty"`
	Address                   string    `json:"address,omitempty"`
	AdministratorAccount      *sshCreds `json:"administratorAccount,omitempty"`
	IsNotebookInstanceCompute *bool     `json:"isNotebookInstanceCompute,omitempty"`
}

type sshCreds struct {
	Username       string `json:"username,omitempty"`
	Password       string `json:"password,omitempty"`
	PublicKeyData  string `json:"publicKeyData,omitempty"`
	PrivateKeyData string `json:"privateKeyData,omitempty"`
}

type databricksProps struct {
	DatabricksAccessToken string `json:"databricksAccessToken,omitempty"`
	WorkspaceURL          string `json:"workspaceUrl,omitempty"`
}

type adlaProps struct {
	DataLakeStoreAccountName string `json:"dataLakeStoreAccountName,omitempty"`
}

// compute is one compute target of the workspace.
type compute struct {
	name       string
	location   string
	tags       map[string]string
	identity   json.RawMessage
	sku        json.RawMessage
	props      computeBodyProps // Properties (per-type raw JSON) unused once parsed
	state      string           // provisioningState
	errs       []ErrorDetail    // provisioningErrors
	created    time.Time
	modified   time.Time
	pending    *operation // in-flight create, update or delete
	aml        *amlProps
	vm         *vmProps
	databricks *databricksProps
	adla       *adlaProps
	cluster    *cluster // AmlCompute scaling state
}

// attached reports whether the compute is an attached resource.
func (c *compute) attached() bool { return computeTypes[c.props.ComputeType] }
