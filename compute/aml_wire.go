package compute

import (
	"encoding/json"
	"fmt"
	"maps"
	"strconv"

	"github.com/azureml-go/azureml/internal/arm"
)

// resource returns the ARM create body for c in location; subscription
// scopes the subnet id. c must be valid.
func (c *AmlComputeProvisioningConfig) resource(subscription, location string) *arm.ComputeResource {
	p := &arm.AmlComputeProperties{
		VMSize:     c.VMSize,
		VMPriority: c.armPriority(),
		ScaleSettings: &arm.ScaleSettings{MinNodeCount: int32(c.MinNodes), MaxNodeCount: int32(c.maxNodes()),
			NodeIdleTimeBeforeScaleDown: isoSeconds(c.IdleSecondsBeforeScaleDown)},
		RemoteLoginPortPublicAccess: arm.RemoteLoginPortPublicAccess(c.RemoteLoginPortPublicAccess),
	}
	if c.AdminUsername != "" {
		p.UserAccountCredentials = &arm.UserAccountCredentials{AdminUserName: c.AdminUsername,
			AdminUserPassword: arm.Secret(c.AdminUserPassword), AdminUserSSHPublicKey: c.AdminUserSSHKey}
	}
	if c.SubnetName != "" {
		p.Subnet = &arm.ResourceID{ID: "/subscriptions/" + subscription + "/resourceGroups/" + c.VNetResourceGroup +
			"/providers/Microsoft.Network/virtualNetworks/" + c.VNetName + "/subnets/" + c.SubnetName}
	}
	if c.Location != "" {
		location = c.Location
	}
	return &arm.ComputeResource{Location: location, Tags: maps.Clone(c.Tags), Properties: &arm.Compute{
		ComputeType: arm.ComputeTypeAmlCompute, Description: c.Description, Properties: p}}
}

// isoSeconds writes seconds as an ISO 8601 duration ("" for 0).
func isoSeconds(s int) string {
	if s == 0 {
		return ""
	}
	return "PT" + strconv.Itoa(s) + "S"
}

// redacted returns a copy of c whose password is masked.
func (c AmlComputeProvisioningConfig) redacted() amlConfigPrint {
	if c.AdminUserPassword != "" {
		c.AdminUserPassword = "REDACTED"
	}
	return amlConfigPrint(c)
}

// amlConfigPrint has the fields of the config and none of its methods.
type amlConfigPrint AmlComputeProvisioningConfig

// Format implements fmt.Formatter: every verb prints c with its password
// redacted.
func (c AmlComputeProvisioningConfig) Format(f fmt.State, verb rune) {
	r := c.redacted()
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprintf(f, "compute.AmlComputeProvisioningConfig%+v", r)
	case verb == 'v' && f.Flag('+'):
		fmt.Fprintf(f, "%+v", r)
	default:
		fmt.Fprintf(f, "%v", r)
	}
}

// String describes c with its password redacted.
func (c AmlComputeProvisioningConfig) String() string { return fmt.Sprintf("%v", c) }

// GoString is the %#v form of c, with its password redacted.
func (c AmlComputeProvisioningConfig) GoString() string { return fmt.Sprintf("%#v", c) }

// MarshalJSON encodes c with its password redacted.
func (c AmlComputeProvisioningConfig) MarshalJSON() ([]byte, error) {
	return json.Marshal(c.redacted())
}
