package arm

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ComputeType is the computeType discriminator of a compute.
type ComputeType string

// Compute types (the spec's enum, 2026-07-01).
const (
	ComputeTypeAKS               ComputeType = "AKS"
	ComputeTypeKubernetes        ComputeType = "Kubernetes"
	ComputeTypeAmlCompute        ComputeType = "AmlCompute"
	ComputeTypeComputeInstance   ComputeType = "ComputeInstance"
	ComputeTypeDataFactory       ComputeType = "DataFactory"
	ComputeTypeVirtualMachine    ComputeType = "VirtualMachine"
	ComputeTypeHDInsight         ComputeType = "HDInsight"
	ComputeTypeDatabricks        ComputeType = "Databricks"
	ComputeTypeDataLakeAnalytics ComputeType = "DataLakeAnalytics"
	ComputeTypeSynapseSpark      ComputeType = "SynapseSpark"
)

// UnderlyingResourceAction says what DELETE does to the resource behind a
// compute: Delete removes it, Detach only removes it from the workspace.
type UnderlyingResourceAction string

// Underlying resource actions.
const (
	UnderlyingResourceActionDelete UnderlyingResourceAction = "Delete"
	UnderlyingResourceActionDetach UnderlyingResourceAction = "Detach"
)

// ComputeResource is a Microsoft.MachineLearningServices/workspaces/computes
// resource. Its json.Marshal form redacts secrets; the client sends the
// secrets through its own encoder.
type ComputeResource struct {
	ID         string            `json:"id,omitempty"`
	Name       string            `json:"name,omitempty"`
	Type       string            `json:"type,omitempty"`
	Location   string            `json:"location,omitempty"`
	Tags       map[string]string `json:"tags,omitempty"`
	Properties *Compute          `json:"properties,omitempty"`
}

// Compute is the properties of a ComputeResource: the fields every compute
// type shares, and Properties, the type's own properties chosen by
// ComputeType.
type Compute struct {
	ComputeType      ComputeType `json:"computeType"`
	ComputeLocation  string      `json:"computeLocation,omitempty"`
	Description      string      `json:"description,omitempty"`
	ResourceID       string      `json:"resourceId,omitempty"`
	DisableLocalAuth *bool       `json:"disableLocalAuth,omitempty"`

	// Read-only.
	ProvisioningState  ProvisioningState `json:"provisioningState,omitempty"`
	ProvisioningErrors []ErrorResponse   `json:"provisioningErrors,omitempty"`
	CreatedOn          *DateTime         `json:"createdOn,omitempty"`
	ModifiedOn         *DateTime         `json:"modifiedOn,omitempty"`
	IsAttachedCompute  *bool             `json:"isAttachedCompute,omitempty"`

	// Properties is one of *AmlComputeProperties, *VirtualMachineProperties,
	// *HDInsightProperties, *DatabricksProperties,
	// *DataLakeAnalyticsProperties or *UnknownComputeProperties; nil when
	// the response has none.
	Properties ComputeProperties `json:"-"`
}

// ComputeProperties is the per-type properties of a Compute (JSON
// properties.properties).
type ComputeProperties interface {
	// ComputeType returns the discriminator the properties belong to.
	ComputeType() ComputeType
	// wireJSON encodes the properties for a request body, secrets included.
	wireJSON() ([]byte, error)
}

// UnknownComputeProperties keeps the properties of a compute type this
// package does not model, as the service sent them.
type UnknownComputeProperties struct {
	Type ComputeType
	Raw  json.RawMessage
}

// ComputeType implements ComputeProperties.
func (u *UnknownComputeProperties) ComputeType() ComputeType { return u.Type }

// MarshalJSON writes the raw properties back.
func (u *UnknownComputeProperties) MarshalJSON() ([]byte, error) {
	if len(u.Raw) == 0 {
		return []byte("null"), nil
	}
	return u.Raw, nil
}

func (u *UnknownComputeProperties) wireJSON() ([]byte, error) { return u.MarshalJSON() }

// MarshalJSON writes the compute with secrets redacted.
func (c Compute) MarshalJSON() ([]byte, error) {
	return c.marshal(func(p ComputeProperties) ([]byte, error) { return json.Marshal(p) })
}

// wireJSON writes the compute for a request body, secrets included.
func (c Compute) wireJSON() ([]byte, error) {
	return c.marshal(ComputeProperties.wireJSON)
}

func (c Compute) marshal(props func(ComputeProperties) ([]byte, error)) ([]byte, error) {
	type alias Compute
	var raw json.RawMessage
	if c.Properties != nil {
		b, err := props(c.Properties)
		if err != nil {
			return nil, fmt.Errorf("arm: compute properties (%s): %w", c.ComputeType, err)
		}
		raw = b
	}
	return json.Marshal(struct {
		alias
		Properties json.RawMessage `json:"properties,omitempty"`
	}{alias(c), raw})
}

// UnmarshalJSON reads a compute, choosing the Properties type from
// computeType; an unknown type keeps its properties as raw JSON.
func (c *Compute) UnmarshalJSON(b []byte) error {
	type alias Compute
	w := struct {
		*alias
		Properties json.RawMessage `json:"properties"`
	}{alias: (*alias)(c)}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	p, err := decodeComputeProperties(c.ComputeType, w.Properties)
	if err != nil {
		return fmt.Errorf("arm: %s properties: %w", c.ComputeType, err)
	}
	c.Properties = p
	return nil
}

// decodeComputeProperties decodes raw as the properties of type t.
func decodeComputeProperties(t ComputeType, raw json.RawMessage) (ComputeProperties, error) {
	if s := strings.TrimSpace(string(raw)); s == "" || s == "null" {
		return nil, nil
	}
	var p ComputeProperties
	switch {
	case strings.EqualFold(string(t), string(ComputeTypeAmlCompute)):
		p = &AmlComputeProperties{}
	case strings.EqualFold(string(t), string(ComputeTypeVirtualMachine)):
		p = &VirtualMachineProperties{}
	case strings.EqualFold(string(t), string(ComputeTypeHDInsight)):
		p = &HDInsightProperties{}
	case strings.EqualFold(string(t), string(ComputeTypeDatabricks)):
		p = &DatabricksProperties{}
	case strings.EqualFold(string(t), string(ComputeTypeDataLakeAnalytics)):
		p = &DataLakeAnalyticsProperties{}
	default:
		return &UnknownComputeProperties{Type: t, Raw: append(json.RawMessage(nil), raw...)}, nil
	}
	if err := json.Unmarshal(raw, p); err != nil {
		return nil, err
	}
	return p, nil
}

// wireJSON writes the resource for a PUT body, secrets included.
func (r *ComputeResource) wireJSON() ([]byte, error) {
	type alias ComputeResource
	var raw json.RawMessage
	if r.Properties != nil {
		b, err := r.Properties.wireJSON()
		if err != nil {
			return nil, err
		}
		raw = b
	}
	return json.Marshal(struct {
		*alias
		Properties json.RawMessage `json:"properties,omitempty"`
	}{(*alias)(r), raw})
}

// ComputeList is one page of Compute_List.
type ComputeList struct {
	Value    []ComputeResource `json:"value"`
	NextLink string            `json:"nextLink,omitempty"`
}
