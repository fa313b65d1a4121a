package arm

import (
	"strings"
)

// WorkspaceID names an Azure Machine Learning workspace.
type WorkspaceID struct {
	SubscriptionID, ResourceGroup, Name string
}

// String returns the workspace's ARM resource id:
// /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{name}.
func (w WorkspaceID) String() string {
	return "/subscriptions/" + w.SubscriptionID + "/resourceGroups/" + w.ResourceGroup +
		"/providers/" + provider + "/workspaces/" + w.Name
}

// ComputeID returns the ARM id of the compute called name in the workspace.
func (w WorkspaceID) ComputeID(name string) string {
	return w.String() + "/computes/" + name
}

// Validate checks that every part is set and none holds a slash, which
// would change the resource the path names.
func (w WorkspaceID) Validate() error {
	for _, f := range []struct{ field, value string }{
		{"SubscriptionID", w.SubscriptionID},
		{"ResourceGroup", w.ResourceGroup},
		{"Name", w.Name},
	} {
		if err := checkSegment("workspace "+f.field, f.value); err != nil {
			return err
		}
	}
	return nil
}

// checkSegment rejects a path segment that is empty or holds a slash.
func checkSegment(field, value string) error {
	switch {
	case value == "":
		return &ValidationError{Field: field, Value: value, Reason: "must not be empty"}
	case strings.ContainsAny(value, "/\\"):
		return &ValidationError{Field: field, Value: value, Reason: "must not contain a slash"}
	}
	return nil
}
