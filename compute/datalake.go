package compute

import (
	"github.com/azureml-go/azureml/internal/arm"
)

// DataLakeAnalyticsAttachConfig attaches an Azure Data Lake Analytics
// account, the Python SDK's AdlaCompute.attach_configuration: ResourceID,
// or ResourceGroup and AccountName in the workspace's subscription.
type DataLakeAnalyticsAttachConfig struct {
	ResourceGroup, AccountName string
	// ResourceID is the account's ARM id; it wins over the other fields.
	ResourceID string
}

// Kind implements [AzureAttachConfig]: KindDataLakeAnalytics.
func (c *DataLakeAnalyticsAttachConfig) Kind() Kind { return KindDataLakeAnalytics }

// Validate implements [AzureAttachConfig].
func (c *DataLakeAnalyticsAttachConfig) Validate() error {
	return validateAccount(c.ResourceGroup, c.AccountName, c.ResourceID, "Microsoft.DataLakeAnalytics/accounts")
}

func (c *DataLakeAnalyticsAttachConfig) resource(subscription, location string) *arm.ComputeResource {
	id := accountID(subscription, c.ResourceGroup, c.AccountName, c.ResourceID, "Microsoft.DataLakeAnalytics/accounts")
	return &arm.ComputeResource{Location: location, Properties: &arm.Compute{ComputeType: arm.ComputeTypeDataLakeAnalytics,
		ResourceID: id, Properties: &arm.DataLakeAnalyticsProperties{}}}
}

// validateAccount checks a (resource group, account name) or resource id
// pair of fields.
func validateAccount(group, account, id, resourceType string) error {
	if id != "" {
		if !validResourceID(id, resourceType) {
			return &AttachConfigError{Field: "resource_id", Value: id,
				Reason: "must be /subscriptions/<id>/resourceGroups/<group>/providers/" + resourceType + "/<name>"}
		}
		return nil
	}
	for _, f := range []struct{ name, v string }{{"resource_group", group}, {"account_name", account}} {
		if f.v == "" || !validSegment(f.v) {
			return &AttachConfigError{Field: f.name, Value: f.v, Reason: "must be set (or give resource_id) and hold no '/', '?' or '#'"}
		}
	}
	return nil
}

func validSegment(s string) bool {
	for _, c := range s {
		if c == '/' || c == '?' || c == '#' {
			return false
		}
	}
	return true
}

// accountID returns id, or builds it from the group and account name.
func accountID(subscription, group, account, id, resourceType string) string {
	if id != "" {
		return id
	}
	return "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/" + resourceType + "/" + account
}
