package arm

import "encoding/json"

// VirtualMachineProperties are the properties of an attached VirtualMachine.
type VirtualMachineProperties struct {
	VirtualMachineSize   string                        `json:"virtualMachineSize,omitempty"`
	SSHPort              int32                         `json:"sshPort,omitempty"`
	NotebookServerPort   int32                         `json:"notebookServerPort,omitempty"`
	Address              string                        `json:"address,omitempty"`
	AdministratorAccount *VirtualMachineSSHCredentials `json:"administratorAccount,omitempty"`
}

// ComputeType implements ComputeProperties.
func (*VirtualMachineProperties) ComputeType() ComputeType { return ComputeTypeVirtualMachine }

func (p *VirtualMachineProperties) wireJSON() ([]byte, error) {
	type alias VirtualMachineProperties
	return json.Marshal(struct {
		*alias
		AdministratorAccount *sshCredentialsWire `json:"administratorAccount,omitempty"`
	}{(*alias)(p), p.AdministratorAccount.wire()})
}

// HDInsightProperties are the properties of an attached HDInsight cluster.
type HDInsightProperties struct {
	Address              string                        `json:"address,omitempty"`
	SSHPort              int32                         `json:"sshPort,omitempty"`
	AdministratorAccount *VirtualMachineSSHCredentials `json:"administratorAccount,omitempty"`
}

// ComputeType implements ComputeProperties.
func (*HDInsightProperties) ComputeType() ComputeType { return ComputeTypeHDInsight }

func (p *HDInsightProperties) wireJSON() ([]byte, error) {
	type alias HDInsightProperties
	return json.Marshal(struct {
		*alias
		AdministratorAccount *sshCredentialsWire `json:"administratorAccount,omitempty"`
	}{(*alias)(p), p.AdministratorAccount.wire()})
}

// VirtualMachineSSHCredentials is the admin account of a VM or HDInsight
// cluster: a user name with a password or a key pair.
type VirtualMachineSSHCredentials struct {
	Username       string `json:"username,omitempty"`
	Password       Secret `json:"password,omitempty"`
	PublicKeyData  string `json:"publicKeyData,omitempty"`
	PrivateKeyData Secret `json:"privateKeyData,omitempty"`
}

type sshCredentialsWire struct {
	Username       string  `json:"username,omitempty"`
	Password       *string `json:"password,omitempty"`
	PublicKeyData  string  `json:"publicKeyData,omitempty"`
	PrivateKeyData *string `json:"privateKeyData,omitempty"`
}

func (c *VirtualMachineSSHCredentials) wire() *sshCredentialsWire {
	if c == nil {
		return nil
	}
	return &sshCredentialsWire{c.Username, c.Password.wire(), c.PublicKeyData, c.PrivateKeyData.wire()}
}

// DatabricksProperties are the properties of an attached Databricks workspace.
type DatabricksProperties struct {
	DatabricksAccessToken Secret `json:"databricksAccessToken,omitempty"`
	WorkspaceURL          string `json:"workspaceUrl,omitempty"`
}

// ComputeType implements ComputeProperties.
func (*DatabricksProperties) ComputeType() ComputeType { return ComputeTypeDatabricks }

func (p *DatabricksProperties) wireJSON() ([]byte, error) {
	return json.Marshal(struct {
		DatabricksAccessToken *string `json:"databricksAccessToken,omitempty"`
		WorkspaceURL          string  `json:"workspaceUrl,omitempty"`
	}{p.DatabricksAccessToken.wire(), p.WorkspaceURL})
}

// DataLakeAnalyticsProperties are the properties of an attached Data Lake
// Analytics account.
type DataLakeAnalyticsProperties struct {
	DataLakeStoreAccountName string `json:"dataLakeStoreAccountName,omitempty"`
}

// ComputeType implements ComputeProperties.
func (*DataLakeAnalyticsProperties) ComputeType() ComputeType { return ComputeTypeDataLakeAnalytics }

func (p *DataLakeAnalyticsProperties) wireJSON() ([]byte, error) { return json.Marshal(p) }

// ComputeSecrets is the answer of Compute_ListKeys. Which fields are set
// depends on ComputeType: AdministratorAccount for VirtualMachine,
// DatabricksAccessToken for Databricks, the kube configs for AKS.
type ComputeSecrets struct {
	ComputeType           ComputeType                   `json:"computeType"`
	AdministratorAccount  *VirtualMachineSSHCredentials `json:"administratorAccount,omitempty"`
	DatabricksAccessToken Secret                        `json:"databricksAccessToken,omitempty"`
	UserKubeConfig        Secret                        `json:"userKubeConfig,omitempty"`
	AdminKubeConfig       Secret                        `json:"adminKubeConfig,omitempty"`
	ImagePullSecretName   string                        `json:"imagePullSecretName,omitempty"`
}
