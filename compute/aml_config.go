package compute

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/azureml-go/azureml/internal/arm"
)

// VMPriority is the priority of an AmlCompute cluster's VMs, spelled as
// the Python SDK spells it.
type VMPriority string

// The VM priorities.
const (
	VMPriorityDedicated   VMPriority = "dedicated"
	VMPriorityLowPriority VMPriority = "lowpriority"
)

// VMPriorityValues returns every VMPriority.
func VMPriorityValues() []VMPriority { return []VMPriority{VMPriorityDedicated, VMPriorityLowPriority} }

// RemoteLoginPortPublicAccess says whether the SSH port of a cluster's
// nodes is open to the internet.
type RemoteLoginPortPublicAccess string

// The remote login port settings.
const (
	RemoteLoginEnabled      RemoteLoginPortPublicAccess = "Enabled"
	RemoteLoginDisabled     RemoteLoginPortPublicAccess = "Disabled"
	RemoteLoginNotSpecified RemoteLoginPortPublicAccess = "NotSpecified"
)

// RemoteLoginPortPublicAccessValues returns every RemoteLoginPortPublicAccess.
func RemoteLoginPortPublicAccessValues() []RemoteLoginPortPublicAccess {
	return []RemoteLoginPortPublicAccess{RemoteLoginEnabled, RemoteLoginDisabled, RemoteLoginNotSpecified}
}

// DefaultMaxNodes is the MaxNodes of a provisioning configuration that
// names none, as in the Python SDK.
const DefaultMaxNodes = 4

// AmlComputeProvisioningConfig describes a new AmlCompute cluster: the
// Python SDK's AmlCompute.provisioning_configuration. The zero value of
// each optional field means the service's default. Printing it (any fmt
// verb) shows "REDACTED" in place of the password.
type AmlComputeProvisioningConfig struct {
	// VMSize is the VM size of the nodes, e.g. "STANDARD_D2_V2". Required.
	VMSize string
	// VMPriority is dedicated (default) or lowpriority.
	VMPriority VMPriority
	// MinNodes is the number of nodes kept when idle (default 0).
	MinNodes int
	// MaxNodes is the largest the cluster grows; 0 means [DefaultMaxNodes].
	MaxNodes int
	// IdleSecondsBeforeScaleDown is how long a node stays idle before it
	// is removed; 0 means the service default (120 s).
	IdleSecondsBeforeScaleDown int
	// AdminUsername is the nodes' administrator account; with it, set
	// AdminUserPassword or AdminUserSSHKey (or both).
	AdminUsername string
	// AdminUserPassword is the administrator's password; it goes into the
	// create request's body and nowhere else.
	AdminUserPassword string
	// AdminUserSSHKey is the administrator's SSH public key.
	AdminUserSSHKey string
	// VNetResourceGroup, VNetName and SubnetName put the nodes in a
	// subnet of a virtual network of the workspace's subscription: all
	// three or none.
	VNetResourceGroup, VNetName, SubnetName string
	// RemoteLoginPortPublicAccess opens or closes the nodes' SSH port;
	// "" means NotSpecified (open unless in a virtual network).
	RemoteLoginPortPublicAccess RemoteLoginPortPublicAccess
	// Tags are the cluster's ARM tags.
	Tags map[string]string
	// Description describes the cluster.
	Description string
	// Location is the cluster's region; "" means the workspace's.
	Location string
}

// ProvisioningConfigError reports a provisioning configuration field that
// breaks a rule. Value is empty for the password.
type ProvisioningConfigError struct {
	Field  string
	Value  string
	Reason string
}

// Error implements error.
func (e *ProvisioningConfigError) Error() string {
	return fmt.Sprintf("compute: provisioning configuration %s %q: %s", e.Field, e.Value, e.Reason)
}

// Validate checks c as the service would, before any request, and
// returns a *[ProvisioningConfigError] naming the first bad field and its
// value (never the password). It does not change c.
func (c *AmlComputeProvisioningConfig) Validate() error {
	bad := func(field, value, reason string) error {
		return &ProvisioningConfigError{Field: field, Value: value, Reason: reason}
	}
	itoa := strconv.Itoa
	switch {
	case c == nil:
		return bad("config", "", "must not be nil")
	case strings.TrimSpace(c.VMSize) == "":
		return bad("vm_size", c.VMSize, "must be set, e.g. STANDARD_D2_V2")
	case c.VMPriority != "" && c.armPriority() == "":
		return bad("vm_priority", string(c.VMPriority), "must be dedicated or lowpriority")
	case c.MinNodes < 0:
		return bad("min_nodes", itoa(c.MinNodes), "must be >= 0")
	case c.MaxNodes < 0:
		return bad("max_nodes", itoa(c.MaxNodes), "must be >= 1 (0 means 4)")
	case c.MinNodes > c.maxNodes():
		return bad("min_nodes", itoa(c.MinNodes), "must not exceed max_nodes "+itoa(c.maxNodes()))
	case c.IdleSecondsBeforeScaleDown < 0:
		return bad("idle_seconds_before_scaledown", itoa(c.IdleSecondsBeforeScaleDown), "must be >= 0")
	}
	if err := c.validateAdmin(bad); err != nil {
		return err
	}
	vnet := []string{c.VNetResourceGroup, c.VNetName, c.SubnetName}
	if set := countSet(vnet); set != 0 && set != 3 {
		names := []string{"vnet_resourcegroup_name", "vnet_name", "subnet_name"}
		for i, v := range vnet {
			if v == "" {
				return bad(names[i], "", "must be set with the other virtual network fields (all three or none)")
			}
		}
	}
	for i, v := range vnet {
		if strings.ContainsAny(v, "/?#") {
			return bad([]string{"vnet_resourcegroup_name", "vnet_name", "subnet_name"}[i], v, "must hold no '/', '?' or '#'")
		}
	}
	switch c.RemoteLoginPortPublicAccess {
	case "", RemoteLoginEnabled, RemoteLoginDisabled, RemoteLoginNotSpecified:
	default:
		return bad("remote_login_port_public_access", string(c.RemoteLoginPortPublicAccess), "must be Enabled, Disabled or NotSpecified")
	}
	for k := range c.Tags {
		if k == "" {
			return bad("tags", k, "keys must not be empty")
		}
	}
	return nil
}

func (c *AmlComputeProvisioningConfig) validateAdmin(bad func(string, string, string) error) error {
	switch {
	case c.AdminUsername == "" && c.AdminUserPassword != "":
		return bad("admin_username", "", "must be set with admin_user_password")
	case c.AdminUsername == "" && c.AdminUserSSHKey != "":
		return bad("admin_username", "", "must be set with admin_user_ssh_key")
	case c.AdminUsername != "" && c.AdminUserPassword == "" && c.AdminUserSSHKey == "":
		return bad("admin_user_password", "", "admin_username needs a password or an SSH key (admin_user_ssh_key)")
	case c.AdminUserSSHKey != "" && !strings.HasPrefix(c.AdminUserSSHKey, "ssh-") && !strings.HasPrefix(c.AdminUserSSHKey, "ecdsa-"):
		return bad("admin_user_ssh_key", abbreviate(c.AdminUserSSHKey), "must be an OpenSSH public key (ssh-rsa AAAA..., ssh-ed25519 AAAA...)")
	}
	return nil
}

func countSet(vals []string) int {
	n := 0
	for _, v := range vals {
		if v != "" {
			n++
		}
	}
	return n
}

// abbreviate shortens a long value for an error message.
func abbreviate(s string) string {
	if len(s) > 20 {
		return s[:20] + "..."
	}
	return s
}

func (c *AmlComputeProvisioningConfig) maxNodes() int {
	if c.MaxNodes == 0 {
		return DefaultMaxNodes
	}
	return c.MaxNodes
}

func (c *AmlComputeProvisioningConfig) armPriority() arm.VMPriority {
	switch {
	case c.VMPriority == "" || strings.EqualFold(string(c.VMPriority), string(VMPriorityDedicated)):
		return arm.VMPriorityDedicated
	case strings.EqualFold(string(c.VMPriority), string(VMPriorityLowPriority)):
		return arm.VMPriorityLowPriority
	}
	return ""
}
