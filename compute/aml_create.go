package compute

import (
	"context"
	"errors"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/workspace"
)

// CreateAmlCompute starts creating the AmlCompute cluster name in the
// Azure workspace ws as cfg describes (Compute_CreateOrUpdate) and returns
// the operation; wait for it with [AzureOperation.WaitForCompletion].
//
// Before any request it checks name ([ValidateName]) and cfg
// ([AmlComputeProvisioningConfig.Validate]). The cluster's location is
// cfg.Location, else the workspace's (read over ARM when the handle does
// not know it). The administrator password goes into the request body and
// nowhere else. A PUT overwrites an existing compute of that name, as the
// service does; check with [Get] first to reuse one. Errors: the
// validation errors, *[workspace.AuthError], *[ServiceError] (with the ARM
// code) for a refused request; a provisioning that ends Failed is a
// *[ProvisioningError] from WaitForCompletion.
func CreateAmlCompute(ctx context.Context, ws *workspace.Workspace, name string, cfg *AmlComputeProvisioningConfig) (*AzureOperation[*AmlCompute], error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	conn, err := connect(ws, "create AmlCompute")
	if err != nil {
		return nil, err
	}
	loc := cfg.Location
	if loc == "" {
		if loc, err = conn.location(ctx); err != nil {
			return nil, azureError(ws, "create", name, err)
		}
	}
	inner, err := conn.c.BeginCreateOrUpdateCompute(ctx, conn.id, name, cfg.resource(ws.SubscriptionID(), loc), nil)
	if err != nil {
		return nil, azureError(ws, "create", name, err)
	}
	return newOperation(name, "Creating", conn.rec, inner, amlResult(conn, name), amlSummary)
}

// amlResult turns the end of a create or update into an *AmlCompute or a
// *ProvisioningError listing the compute's provisioning errors.
func amlResult(conn *azureConn, name string) func(context.Context, arm.ComputeResource, error) (*AmlCompute, error) {
	return func(ctx context.Context, res arm.ComputeResource, err error) (*AmlCompute, error) {
		if err != nil {
			return nil, provisioningError(ctx, conn, name, err)
		}
		t := targetOf(conn.ws, &res)
		a, ok := t.(*AmlCompute)
		if !ok {
			return nil, &ServiceError{Operation: "create", Name: name, Code: "UnexpectedComputeType",
				Message: "the service returned a compute of type " + string(t.Kind())}
		}
		return a, nil
	}
}

// provisioningError reads the failed compute's provisioning errors (one
// GET, only on failure) into a *ProvisioningError.
func provisioningError(ctx context.Context, conn *azureConn, name string, err error) error {
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		return azureError(conn.ws, "wait for", name, err)
	}
	info := armError(re)
	pe := &ProvisioningError{Name: name, State: "Failed", Code: info.Code, Message: info.Message, Err: err}
	if res, gerr := conn.c.GetCompute(ctx, conn.id, name); gerr == nil && res.Properties != nil {
		if st := string(res.Properties.ProvisioningState); st != "" {
			pe.State = st
		}
		pe.Errors = appendErrors(nil, res.Properties.ProvisioningErrors)
	}
	return pe
}

// amlSummary is what WaitForCompletion prints after a cluster operation.
func amlSummary(a *AmlCompute) []string {
	out := []string{"AmlCompute wait for completion finished", a.status.String()}
	for _, e := range a.status.Errors {
		out = append(out, "error: "+e.Code+": "+e.Message)
	}
	return out
}
