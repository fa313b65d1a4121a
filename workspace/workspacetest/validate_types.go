package workspacetest

import (
	"encoding/json"
	"strings"
)

const pp = "properties.properties"

// parseTypeProps decodes and validates properties.properties for the
// compute type, storing the result in c.
func (s *Server) parseTypeProps(c *compute, raw json.RawMessage) *fieldError {
	switch c.props.ComputeType {
	case "AmlCompute":
		c.aml = &amlProps{}
		return s.parseAml(c.aml, raw)
	case "VirtualMachine", "HDInsight":
		c.vm = &vmProps{}
		return parseVM(c, raw)
	case "Databricks":
		c.databricks = &databricksProps{}
		if err := decodeRequired(raw, c.databricks); err != nil {
			return err
		}
		if err := armIDOf("properties.resourceId", c.props.ResourceID, "Microsoft.Databricks/workspaces"); err != nil {
			return err
		}
		if c.databricks.DatabricksAccessToken == "" {
			return invalid(pp+".databricksAccessToken", "The 'databricksAccessToken' property is required to attach a Databricks workspace.")
		}
	case "DataLakeAnalytics":
		c.adla = &adlaProps{}
		if len(raw) > 0 {
			if err := decodeJSON(raw, c.adla, pp); err != nil {
				return err
			}
		}
		return armIDOf("properties.resourceId", c.props.ResourceID, "Microsoft.DataLakeAnalytics/accounts")
	}
	return nil
}

func decodeRequired(raw json.RawMessage, v any) *fieldError {
	if len(raw) == 0 || string(raw) == "null" {
		return invalid(pp, "The '%s' property is required for this compute type.", pp)
	}
	return decodeJSON(raw, v, pp)
}

// parseAml validates AmlComputeProperties and fills the service's defaults.
func (s *Server) parseAml(a *amlProps, raw json.RawMessage) *fieldError {
	if err := decodeRequired(raw, a); err != nil {
		return err
	}
	if a.VMSize == "" {
		return invalid(pp+".vmSize", "The 'vmSize' property is required for AmlCompute.")
	}
	size, ok := s.vmSize(a.VMSize)
	if !ok {
		names := make([]string, len(s.opts.VMSizes))
		for i, v := range s.opts.VMSizes {
			names[i] = v.Name
		}
		return invalid(pp+".vmSize", "VM size '%s' is not supported in location '%s'. Supported sizes: %s.",
			a.VMSize, s.opts.Location, strings.Join(names, ", "))
	}
	a.VMSize = size.Name
	for _, e := range []*fieldError{
		oneOf(pp+".vmPriority", a.VMPriority, "Dedicated", "LowPriority"),
		oneOf(pp+".osType", a.OSType, "Linux", "Windows"),
		oneOf(pp+".remoteLoginPortPublicAccess", a.RemoteLoginPortPublicAccess, "Enabled", "Disabled", "NotSpecified"),
		validateScale(a.ScaleSettings, pp+".scaleSettings", true),
		validateUser(a.UserAccountCredentials),
		validateRef(a.Subnet, pp+".subnet", "Microsoft.Network/virtualNetworks/subnets"),
	} {
		if e != nil {
			return e
		}
	}
	if a.VirtualMachineImage != nil && a.VirtualMachineImage.ID == "" {
		return invalid(pp+".virtualMachineImage.id", "The 'virtualMachineImage.id' property is required.")
	}
	amlDefaults(a)
	return nil
}

func amlDefaults(a *amlProps) {
	if a.VMPriority == "" {
		a.VMPriority = "Dedicated"
	}
	if a.OSType == "" {
		a.OSType = "Linux"
	}
	if a.RemoteLoginPortPublicAccess == "" || a.RemoteLoginPortPublicAccess == "NotSpecified" {
		a.RemoteLoginPortPublicAccess = "Enabled" // NotSpecified: enabled without a VNet
		if a.Subnet != nil {
			a.RemoteLoginPortPublicAccess = "Disabled"
		}
	}
	if a.EnableNodePublicIP == nil {
		t := true
		a.EnableNodePublicIP = &t
	}
	if a.IsolatedNetwork == nil {
		f := false
		a.IsolatedNetwork = &f
	}
	sc := a.ScaleSettings
	if sc.MinNodeCount == nil {
		zero := 0
		sc.MinNodeCount = &zero
	}
	if sc.NodeIdleTimeBeforeScaleDown == nil {
		d := "PT120S"
		sc.NodeIdleTimeBeforeScaleDown = &d
	}
}

// validateScale checks ScaleSettings (create: required; PATCH: required too).
func validateScale(sc *scaleSettings, at string, required bool) *fieldError {
	if sc == nil {
		if required {
			return invalid(at, "The 'scaleSettings' property is required for AmlCompute.")
		}
		return nil
	}
	if sc.MaxNodeCount == nil {
		return invalid(at+".maxNodeCount", "The 'maxNodeCount' property is required.")
	}
	max := *sc.MaxNodeCount
	if max < 0 {
		return invalid(at+".maxNodeCount", "maxNodeCount %d must be >= 0.", max)
	}
	if sc.MinNodeCount != nil {
		if min := *sc.MinNodeCount; min < 0 || min > max {
			return invalid(at+".minNodeCount", "minNodeCount %d must be between 0 and maxNodeCount %d.", min, max)
		}
	}
	if sc.NodeIdleTimeBeforeScaleDown != nil {
		if _, err := parseISODuration(*sc.NodeIdleTimeBeforeScaleDown); err != nil {
			return invalid(at+".nodeIdleTimeBeforeScaleDown", "nodeIdleTimeBeforeScaleDown '%s' is invalid: %v.",
				*sc.NodeIdleTimeBeforeScaleDown, err)
		}
	}
	return nil
}

func validateUser(u *userAccount) *fieldError {
	at := pp + ".userAccountCredentials"
	if u == nil {
		return nil
	}
	if u.AdminUserName == "" {
		return invalid(at+".adminUserName", "The 'adminUserName' property is required.")
	}
	if u.AdminUserPassword == "" && u.AdminUserSSHPublicKey == "" {
		return invalid(at, "Either 'adminUserPassword' or 'adminUserSshPublicKey' is required.")
	}
	return nil
}

func validateRef(r *idRef, at, resourceType string) *fieldError {
	if r == nil {
		return nil
	}
	if r.ID == "" {
		return invalid(at+".id", "The '%s.id' property is required.", at)
	}
	return armIDOf(at+".id", r.ID, resourceType)
}

// parseVM validates an attached VirtualMachine or HDInsight cluster.
func parseVM(c *compute, raw json.RawMessage) *fieldError {
	v := c.vm
	if err := decodeRequired(raw, v); err != nil {
		return err
	}
	typ := "Microsoft.Compute/virtualMachines"
	if c.props.ComputeType == "HDInsight" {
		typ = "Microsoft.HDInsight/clusters"
	}
	if c.props.ResourceID == "" && v.Address == "" {
		return invalid("properties.resourceId", "Either 'properties.resourceId' or '%s.address' is required to attach a %s.", pp, c.props.ComputeType)
	}
	if c.props.ResourceID != "" {
		if err := armIDOf("properties.resourceId", c.props.ResourceID, typ); err != nil {
			return err
		}
	}
	if v.SSHPort != nil && (*v.SSHPort < 1 || *v.SSHPort > 65535) {
		return invalid(pp+".sshPort", "sshPort %d must be between 1 and 65535.", *v.SSHPort)
	}
	a := v.AdministratorAccount
	if a == nil || a.Username == "" {
		return invalid(pp+".administratorAccount.username", "The 'administratorAccount.username' property is required.")
	}
	if a.Password == "" && a.PrivateKeyData == "" {
		return invalid(pp+".administratorAccount", "Either 'administratorAccount.password' or 'administratorAccount.privateKeyData' is required.")
	}
	if v.SSHPort == nil {
		p := 22
		v.SSHPort = &p
	}
	return nil
}
