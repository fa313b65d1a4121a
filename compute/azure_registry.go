package compute

import (
	"context"
	"strconv"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace"
)

// Databricks is an Azure Databricks workspace attached to an Azure ML
// workspace (kind Databricks), the Python SDK's DatabricksCompute. Runs on
// it are driven by Azure ML pipelines; the handle holds no access token.
type Databricks struct {
	name, resourceID, workspaceURL, state string
}

var _ Target = (*Databricks)(nil)

// Name implements [Target].
func (d *Databricks) Name() string { return d.name }

// Kind implements [Target]: KindDatabricks.
func (d *Databricks) Kind() Kind { return KindDatabricks }

// ResourceID returns the ARM id of the Databricks workspace.
func (d *Databricks) ResourceID() string { return d.resourceID }

// WorkspaceURL returns the Databricks workspace URL.
func (d *Databricks) WorkspaceURL() string { return d.workspaceURL }

// ProvisioningState returns the attach's state as last read.
func (d *Databricks) ProvisioningState() string { return d.state }

// DataLakeAnalytics is an Azure Data Lake Analytics account attached to an
// Azure ML workspace (kind DataLakeAnalytics), the Python SDK's AdlaCompute.
type DataLakeAnalytics struct {
	name, resourceID, storeAccount, state string
}

var _ Target = (*DataLakeAnalytics)(nil)

// Name implements [Target].
func (d *DataLakeAnalytics) Name() string { return d.name }

// Kind implements [Target]: KindDataLakeAnalytics.
func (d *DataLakeAnalytics) Kind() Kind { return KindDataLakeAnalytics }

// ResourceID returns the ARM id of the Data Lake Analytics account.
func (d *DataLakeAnalytics) ResourceID() string { return d.resourceID }

// StoreAccountName returns the Data Lake Store account name the service
// reports ("" when none).
func (d *DataLakeAnalytics) StoreAccountName() string { return d.storeAccount }

// ProvisioningState returns the attach's state as last read.
func (d *DataLakeAnalytics) ProvisioningState() string { return d.state }

// targetOf turns a compute of an Azure workspace into its typed target,
// chosen by the computeType discriminator. A VirtualMachine or HDInsight
// becomes a *RemoteVM or *HDInsight reachable over SSH at the address the
// service reports (give it credentials with WithCredentials: the service
// never returns them); a type this SDK does not model is a *Registered.
func targetOf(ws *workspace.Workspace, res *arm.ComputeResource) Target {
	var state string
	var resID string
	if res.Properties != nil {
		state, resID = string(res.Properties.ProvisioningState), res.Properties.ResourceID
	}
	if res.Properties != nil {
		switch p := res.Properties.Properties.(type) {
		case *arm.AmlComputeProperties:
			return amlFromARM(ws, res, p)
		case *arm.VirtualMachineProperties:
			return newRemoteVM(res.Name, hostOf(p.Address, p.SSHPort, p.AdministratorAccount))
		case *arm.HDInsightProperties:
			return newHDInsight(res.Name, hostOf(p.Address, p.SSHPort, p.AdministratorAccount))
		case *arm.DatabricksProperties:
			return &Databricks{name: res.Name, resourceID: resID, workspaceURL: p.WorkspaceURL, state: state}
		case *arm.DataLakeAnalyticsProperties:
			return &DataLakeAnalytics{name: res.Name, resourceID: resID, storeAccount: p.DataLakeStoreAccountName, state: state}
		}
	}
	kind := Kind("")
	if res.Properties != nil {
		kind = Kind(res.Properties.ComputeType)
	}
	return &Registered{name: res.Name, kind: kind, props: map[string]string{
		"resource_id": resID, "provisioning_state": state, "location": res.Location}}
}

func hostOf(address string, port int32, acct *arm.VirtualMachineSSHCredentials) hostRecord {
	h := hostRecord{Address: address, Port: int(port)}
	if h.Port == 0 {
		h.Port = DefaultSSHPort
	}
	if acct != nil {
		h.Username = acct.Username
	}
	return h
}

// getAzure reads one compute of an Azure workspace.
func getAzure(ctx context.Context, ws *workspace.Workspace, name string) (Target, error) {
	conn, err := connect(ws, "get")
	if err != nil {
		return nil, err
	}
	res, err := conn.c.GetCompute(ctx, conn.id, name)
	if err != nil {
		return nil, azureError(ws, "get", name, err)
	}
	return targetOf(ws, res), nil
}

// listAzure lists the computes of an Azure workspace, following nextLink.
func listAzure(ctx context.Context, ws *workspace.Workspace) ([]Target, error) {
	conn, err := connect(ws, "list")
	if err != nil {
		return nil, err
	}
	var out []Target
	pager := conn.c.NewListComputePager(conn.id)
	for page := 1; pager.More(); page++ {
		p, err := pager.NextPage(ctx)
		if err != nil {
			return nil, azureError(ws, "list (page "+strconv.Itoa(page)+")", ws.Name(), err)
		}
		for i := range p.Value {
			out = append(out, targetOf(ws, &p.Value[i]))
		}
	}
	return out, nil
}
