package arm

// CodeContainer is a code asset (workspaces/codes/{name}): a name whose
// versions are snapshots.
type CodeContainer struct {
	ID         string                   `json:"id,omitempty"`
	Name       string                   `json:"name,omitempty"`
	Type       string                   `json:"type,omitempty"`
	Properties *CodeContainerProperties `json:"properties,omitempty"`
}

// CodeContainerProperties are a code container's properties.
type CodeContainerProperties struct {
	Description string            `json:"description,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
	Properties  map[string]string `json:"properties,omitempty"`
	IsArchived  bool              `json:"isArchived,omitempty"`

	// Read-only.
	LatestVersion     string            `json:"latestVersion,omitempty"`
	NextVersion       string            `json:"nextVersion,omitempty"`
	ProvisioningState ProvisioningState `json:"provisioningState,omitempty"`
}

// CodeVersion is one version of a code asset: a folder of files in blob
// storage (workspaces/codes/{name}/versions/{version}).
type CodeVersion struct {
	ID         string                 `json:"id,omitempty"`
	Name       string                 `json:"name,omitempty"`
	Type       string                 `json:"type,omitempty"`
	Properties *CodeVersionProperties `json:"properties,omitempty"`
}

// CodeVersionProperties are a code version's properties. Properties holds
// the content hash (PropertyHashSHA256, PropertyHashVersion) the hash
// filter of NewListCodeVersionsPager matches.
type CodeVersionProperties struct {
	// CodeURI is the blob URL of the uploaded folder, without a SAS.
	CodeURI     string            `json:"codeUri,omitempty"`
	Description string            `json:"description,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
	Properties  map[string]string `json:"properties,omitempty"`
	IsAnonymous bool              `json:"isAnonymous,omitempty"`
	IsArchived  bool              `json:"isArchived,omitempty"`

	// Read-only.
	ProvisioningState ProvisioningState `json:"provisioningState,omitempty"`
}

// The code version properties that carry its content hash, as azure-ai-ml
// writes them.
const (
	PropertyHashSHA256  = "hash_sha256"
	PropertyHashVersion = "hash_version"
)

// CodeVersionList is one page of CodeVersions_List.
type CodeVersionList struct {
	Value    []CodeVersion `json:"value"`
	NextLink string        `json:"nextLink,omitempty"`
}

func (p *CodeVersionList) nextLink() string {
	if p == nil {
		return ""
	}
	return p.NextLink
}

// PendingUpload is the answer of StartPendingUpload: a temporary
// container to upload a code version's files to.
type PendingUpload struct {
	PendingUploadID   string `json:"pendingUploadId,omitempty"`
	PendingUploadType string `json:"pendingUploadType,omitempty"`
	// BlobReference says where the files go.
	BlobReference *BlobReference `json:"blobReferenceForConsumption,omitempty"`
}

// BlobReference is a container and the SAS that grants access to it.
type BlobReference struct {
	// BlobURI is the container's URL, without a SAS.
	BlobURI             string                `json:"blobUri,omitempty"`
	StorageAccountArmID string                `json:"storageAccountArmId,omitempty"`
	Credential          *BlobReferenceSASCred `json:"credential,omitempty"`
}

// BlobReferenceSASCred is the SAS credential of a BlobReference.
type BlobReferenceSASCred struct {
	CredentialType string `json:"credentialType,omitempty"`
	// SASURI is the container's URL with a read, write and list SAS.
	SASURI SASURL `json:"sasUri,omitempty"`
}

// EnvironmentVersion is one version of an environment asset
// (workspaces/environments/{name}/versions/{version}).
type EnvironmentVersion struct {
	ID         string                        `json:"id,omitempty"`
	Name       string                        `json:"name,omitempty"`
	Type       string                        `json:"type,omitempty"`
	Properties *EnvironmentVersionProperties `json:"properties,omitempty"`
}

// EnvironmentVersionProperties describe an environment: an image (and,
// optionally, the conda YAML text to build on it) or a docker build.
type EnvironmentVersionProperties struct {
	Image string `json:"image,omitempty"`
	// CondaFile is the conda environment YAML text (not a path).
	CondaFile   string            `json:"condaFile,omitempty"`
	Build       *BuildContext     `json:"build,omitempty"`
	OSType      string            `json:"osType,omitempty"`
	AutoRebuild string            `json:"autoRebuild,omitempty"`
	Description string            `json:"description,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
	Properties  map[string]string `json:"properties,omitempty"`
	IsAnonymous bool              `json:"isAnonymous,omitempty"`
	IsArchived  bool              `json:"isArchived,omitempty"`

	// Read-only.
	EnvironmentType   string            `json:"environmentType,omitempty"`
	ProvisioningState ProvisioningState `json:"provisioningState,omitempty"`
}

// BuildContext is a docker build context in blob storage.
type BuildContext struct {
	ContextURI     string `json:"contextUri"`
	DockerfilePath string `json:"dockerfilePath,omitempty"`
}

// Datastore is a workspace datastore (workspaces/datastores/{name}).
type Datastore struct {
	ID         string               `json:"id,omitempty"`
	Name       string               `json:"name,omitempty"`
	Type       string               `json:"type,omitempty"`
	Properties *DatastoreProperties `json:"properties,omitempty"`
}

// DatastoreProperties are the properties of an AzureBlob datastore (the
// fields of other datastore types are ignored). Credentials are
// write-only: read them with ListDatastoreSecrets.
type DatastoreProperties struct {
	DatastoreType  string            `json:"datastoreType,omitempty"`
	AccountName    string            `json:"accountName,omitempty"`
	ContainerName  string            `json:"containerName,omitempty"`
	Endpoint       string            `json:"endpoint,omitempty"`
	Protocol       string            `json:"protocol,omitempty"`
	SubscriptionID string            `json:"subscriptionId,omitempty"`
	ResourceGroup  string            `json:"resourceGroup,omitempty"`
	Description    string            `json:"description,omitempty"`
	Tags           map[string]string `json:"tags,omitempty"`
	Properties     map[string]string `json:"properties,omitempty"`

	// Read-only.
	IsDefault bool `json:"isDefault,omitempty"`
}

// ServiceURL returns the blob endpoint of the datastore's account:
// properties["serviceUrl"] when the service gives one (a path-style
// endpoint such as an emulator's), else {protocol}://{account}.blob.{endpoint}/.
func (p *DatastoreProperties) ServiceURL() string {
	if u := p.Properties["serviceUrl"]; u != "" {
		return u
	}
	proto, endpoint := p.Protocol, p.Endpoint
	if proto == "" {
		proto = "https"
	}
	if endpoint == "" {
		endpoint = "core.windows.net"
	}
	return proto + "://" + p.AccountName + ".blob." + endpoint + "/"
}

// DatastoreList is one page of Datastores_List.
type DatastoreList struct {
	Value    []Datastore `json:"value"`
	NextLink string      `json:"nextLink,omitempty"`
}

// DatastoreSecrets is the answer of Datastores_ListSecrets: the key of an
// AccountKey datastore, or the token of a Sas one.
type DatastoreSecrets struct {
	SecretsType string `json:"secretsType"`
	Key         Secret `json:"key,omitempty"`
	SASToken    Secret `json:"sasToken,omitempty"`
}
