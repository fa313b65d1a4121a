package compute

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/workspace"
)

// BatchAttachConfig names an Azure Batch account, the Python SDK's
// BatchCompute.attach_configuration, used by pipeline steps: ResourceID,
// or ResourceGroup and AccountName.
type BatchAttachConfig struct {
	ResourceGroup, AccountName string
	// ResourceID is the account's ARM id; it wins over the other fields.
	ResourceID string
}

// Kind implements [AzureAttachConfig]: KindBatch.
func (c *BatchAttachConfig) Kind() Kind { return KindBatch }

// Validate implements [AzureAttachConfig].
func (c *BatchAttachConfig) Validate() error {
	return validateAccount(c.ResourceGroup, c.AccountName, c.ResourceID, "Microsoft.Batch/batchAccounts")
}

// resource is never sent: the ARM API has no Batch compute type.
func (c *BatchAttachConfig) resource(string, string) *arm.ComputeResource { return nil }

// AttachBatch records the Azure Batch account cfg names as the target
// name of the local workspace ws (kind Batch, a *[Registered] whose
// properties are resource_group, account_name and resource_id). On an
// Azure workspace it is a *[NotSupportedError] (errors.Is
// [ErrNotSupported]) and nothing is sent: the current ARM API has no Batch
// compute type. name and cfg are checked first; a name in use is a
// *[ConflictError].
func AttachBatch(ctx context.Context, ws *workspace.Workspace, name string, cfg *BatchAttachConfig) (*Registered, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	if cfg == nil {
		return nil, &AttachConfigError{Field: "config", Reason: "must not be nil"}
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if ws == nil || !ws.IsLocal() {
		return nil, errBatchOnAzure()
	}
	props := map[string]string{"resource_group": cfg.ResourceGroup, "account_name": cfg.AccountName, "resource_id": cfg.ResourceID}
	data, err := json.MarshalIndent(registration{Name: name, Kind: KindBatch, Properties: props}, "", "  ")
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, ws.LocalDir())
	if err != nil {
		return nil, fmt.Errorf("compute: attach %q: %w", name, err)
	}
	err = st.Update(ctx, registrationPrefix+name, func(cur []byte) ([]byte, error) {
		if cur != nil {
			var reg registration
			_ = json.Unmarshal(cur, &reg)
			return nil, &ConflictError{Name: name, Kind: reg.Kind}
		}
		return append(data, '\n'), nil
	})
	if err != nil {
		return nil, err
	}
	return &Registered{name: name, kind: KindBatch, props: props}, nil
}
