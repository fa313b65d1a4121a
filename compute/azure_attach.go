package compute

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace"
)

// AzureAttachConfig is the configuration of an attach to an Azure
// workspace: *[VirtualMachineAttachConfig], *[HDInsightClusterAttachConfig],
// *[DatabricksAttachConfig], *[DataLakeAnalyticsAttachConfig] or
// *[BatchAttachConfig] (which the ARM API cannot attach). Its secrets go
// into the attach request's body and nowhere else.
type AzureAttachConfig interface {
	// Kind is the kind of target the configuration attaches.
	Kind() Kind
	// Validate checks the configuration without any I/O.
	Validate() error
	resource(subscription, location string) *arm.ComputeResource
}

// Attach starts attaching the resource cfg describes to the Azure
// workspace ws as the compute target name (Compute_CreateOrUpdate with
// the VirtualMachine, HDInsight, Databricks or DataLakeAnalytics compute
// type); the operation ends with the typed target, as [Get] returns it.
// name and cfg are checked before any request. A *[BatchAttachConfig] is
// a *[NotSupportedError] (errors.Is [ErrNotSupported]): the ARM API has no
// Batch compute type; record it in a local workspace with [AttachBatch].
// A name already in use is a *[ConflictError].
func Attach(ctx context.Context, ws *workspace.Workspace, name string, cfg AzureAttachConfig) (*AzureOperation[Target], error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	if cfg == nil {
		return nil, &AttachConfigError{Field: "config", Reason: "must not be nil"}
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Kind() == KindBatch {
		return nil, errBatchOnAzure()
	}
	conn, err := connect(ws, "attach")
	if err != nil {
		return nil, err
	}
	loc, err := conn.location(ctx)
	if err != nil {
		return nil, azureError(ws, "attach", name, err)
	}
	inner, err := conn.c.BeginCreateOrUpdateCompute(ctx, conn.id, name, cfg.resource(ws.SubscriptionID(), loc), nil)
	if err != nil {
		if e := azureError(ws, "attach", name, err); isConflict(e) {
			return nil, &ConflictError{Name: name, Kind: cfg.Kind()}
		}
		return nil, azureError(ws, "attach", name, err)
	}
	conv := func(ctx context.Context, res arm.ComputeResource, err error) (Target, error) {
		if err != nil {
			return nil, provisioningError(ctx, conn, name, err)
		}
		return targetOf(ws, &res), nil
	}
	return newOperation(name, "Creating", conn.rec, inner, conv, nil)
}

func isConflict(err error) bool {
	se, ok := err.(*ServiceError)
	return ok && se.StatusCode == 409
}

func errBatchOnAzure() error {
	return &NotSupportedError{Kind: KindBatch, Operation: "attach",
		Reason: "the Azure Resource Manager API of Azure Machine Learning has no Batch compute type; " +
			"record it in a local workspace (AttachBatch) for pipelines"}
}

// VirtualMachineAttachConfig attaches an Azure VM (or any SSH host) to an
// Azure workspace as a VirtualMachine compute, the Python SDK's
// RemoteCompute.attach_configuration. Set ResourceID (preferred) or
// Address. Printing it shows "REDACTED" for the password and private key.
type VirtualMachineAttachConfig struct {
	// ResourceID is the VM's ARM id (/subscriptions/.../virtualMachines/NAME).
	ResourceID string
	// Address is the host's IP address or DNS name.
	Address string
	// SSHPort is the SSH port; 0 means [DefaultSSHPort].
	SSHPort int
	// Username is the account runs use. Required.
	Username string
	// Password, or PrivateKey (PEM text), authenticates Username.
	Password, PrivateKey string
	// PublicKey is the key pair's public half (optional).
	PublicKey string
}

// HDInsightClusterAttachConfig attaches an HDInsight cluster to an Azure
// workspace as an HDInsight compute, the Python SDK's
// HDInsightCompute.attach_configuration; its fields are those of
// [VirtualMachineAttachConfig], Address being <cluster>-ssh.azurehdinsight.net.
type HDInsightClusterAttachConfig VirtualMachineAttachConfig

// Kind implements [AzureAttachConfig]: KindVirtualMachine.
func (c *VirtualMachineAttachConfig) Kind() Kind { return KindVirtualMachine }

// Kind implements [AzureAttachConfig]: KindHDInsight.
func (c *HDInsightClusterAttachConfig) Kind() Kind { return KindHDInsight }

// Validate implements [AzureAttachConfig]: a resource id or address, a
// port in 1-65535, a username, and a password or private key.
func (c *VirtualMachineAttachConfig) Validate() error {
	return validateSSHAttach(c, "Microsoft.Compute/virtualMachines")
}

// Validate implements [AzureAttachConfig], as for a virtual machine.
func (c *HDInsightClusterAttachConfig) Validate() error {
	return validateSSHAttach((*VirtualMachineAttachConfig)(c), "Microsoft.HDInsight/clusters")
}

func validateSSHAttach(c *VirtualMachineAttachConfig, resourceType string) error {
	bad := func(f, v, r string) error { return &AttachConfigError{Field: f, Value: v, Reason: r} }
	switch {
	case c.ResourceID == "" && c.Address == "":
		return bad("resource_id", "", "set resource_id (or address)")
	case c.ResourceID != "" && !validResourceID(c.ResourceID, resourceType):
		return bad("resource_id", c.ResourceID, "must be /subscriptions/<id>/resourceGroups/<group>/providers/"+resourceType+"/<name>")
	case c.SSHPort < 0 || c.SSHPort > 65535:
		return bad("ssh_port", strconv.Itoa(c.SSHPort), "must be between 1 and 65535 (0 means 22)")
	case c.Username == "":
		return bad("username", "", "must be set")
	case c.Password == "" && c.PrivateKey == "":
		return bad("password", "", "set a password or a private key")
	}
	return nil
}

// validResourceID checks an ARM id's shape and resource type.
func validResourceID(id, resourceType string) bool {
	p := strings.Split(id, "/")
	rt := strings.Split(resourceType, "/")
	return len(p) == 9 && p[0] == "" && strings.EqualFold(p[1], "subscriptions") && p[2] != "" &&
		strings.EqualFold(p[3], "resourceGroups") && p[4] != "" && strings.EqualFold(p[5], "providers") &&
		strings.EqualFold(p[6], rt[0]) && strings.EqualFold(p[7], rt[1]) && p[8] != ""
}

func (c *VirtualMachineAttachConfig) resource(_, location string) *arm.ComputeResource {
	return &arm.ComputeResource{Location: location, Properties: &arm.Compute{ComputeType: arm.ComputeTypeVirtualMachine,
		ResourceID: c.ResourceID, Properties: &arm.VirtualMachineProperties{Address: c.Address, SSHPort: int32(c.port()),
			AdministratorAccount: c.account()}}}
}

func (c *HDInsightClusterAttachConfig) resource(_, location string) *arm.ComputeResource {
	v := (*VirtualMachineAttachConfig)(c)
	return &arm.ComputeResource{Location: location, Properties: &arm.Compute{ComputeType: arm.ComputeTypeHDInsight,
		ResourceID: c.ResourceID, Properties: &arm.HDInsightProperties{Address: c.Address, SSHPort: int32(v.port()),
			AdministratorAccount: v.account()}}}
}

func (c *VirtualMachineAttachConfig) port() int {
	if c.SSHPort == 0 {
		return DefaultSSHPort
	}
	return c.SSHPort
}

func (c *VirtualMachineAttachConfig) account() *arm.VirtualMachineSSHCredentials {
	return &arm.VirtualMachineSSHCredentials{Username: c.Username, Password: arm.Secret(c.Password),
		PrivateKeyData: arm.Secret(c.PrivateKey), PublicKeyData: c.PublicKey}
}

// Format implements fmt.Formatter: every verb prints c with its secrets
// redacted.
func (c VirtualMachineAttachConfig) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, "{ResourceID:%s Address:%s SSHPort:%d Username:%s Password:%s PrivateKey:%s PublicKey:%s}",
		c.ResourceID, c.Address, c.SSHPort, c.Username, mask(c.Password), mask(c.PrivateKey), abbreviate(c.PublicKey))
}

// Format implements fmt.Formatter: every verb prints c with its secrets
// redacted.
func (c HDInsightClusterAttachConfig) Format(f fmt.State, verb rune) {
	VirtualMachineAttachConfig(c).Format(f, verb)
}

// mask hides a secret's value.
func mask(s string) string {
	if s == "" {
		return ""
	}
	return "REDACTED"
}
