package workspacetest

import (
	"strings"
	"time"
)

func lower(s string) string { return strings.ToLower(s) }

// nodeStateCounts is AmlCompute's nodeStateCounts.
type nodeStateCounts struct {
	Idle      int `json:"idleNodeCount"`
	Running   int `json:"runningNodeCount"`
	Preparing int `json:"preparingNodeCount"`
	Unusable  int `json:"unusableNodeCount"`
	Leaving   int `json:"leavingNodeCount"`
	Preempted int `json:"preemptedNodeCount"`
}

// amlOut is AmlComputeProperties as the service returns them: the
// settings without secrets, plus the read-only state.
type amlOut struct {
	amlProps
	AllocationState               string          `json:"allocationState"`
	AllocationStateTransitionTime time.Time       `json:"allocationStateTransitionTime"`
	CurrentNodeCount              int             `json:"currentNodeCount"`
	TargetNodeCount               int             `json:"targetNodeCount"`
	NodeStateCounts               nodeStateCounts `json:"nodeStateCounts"`
	Errors                        []ErrorDetail   `json:"errors"`
}

// render is the ComputeResource a GET returns. Secrets are never included.
// Callers hold s.mu.
func (s *Server) render(c *compute) map[string]any {
	props := map[string]any{
		"computeType":        c.props.ComputeType,
		"computeLocation":    c.location,
		"provisioningState":  c.state,
		"provisioningErrors": c.provisioningErrors(),
		"createdOn":          c.created.UTC(),
		"modifiedOn":         c.modified.UTC(),
		"isAttachedCompute":  c.attached(),
		"disableLocalAuth":   c.props.DisableLocalAuth != nil && *c.props.DisableLocalAuth,
		"properties":         s.typeProps(c),
	}
	if c.props.ComputeLocation != "" {
		props["computeLocation"] = c.props.ComputeLocation
	}
	if c.props.Description != "" {
		props["description"] = c.props.Description
	}
	if c.props.ResourceID != "" {
		props["resourceId"] = c.props.ResourceID
	}
	out := map[string]any{
		"id":       s.WorkspaceID() + "/computes/" + c.name,
		"name":     c.name,
		"type":     provider + "/workspaces/computes",
		"location": c.location,
		"tags":     c.tags,
		"systemData": map[string]any{
			"createdAt": c.created.UTC(), "createdBy": "workspacetest", "createdByType": "Application",
			"lastModifiedAt": c.modified.UTC(), "lastModifiedBy": "workspacetest", "lastModifiedByType": "Application",
		},
		"properties": props,
	}
	if len(c.identity) > 0 {
		out["identity"] = c.identity
	}
	if len(c.sku) > 0 {
		out["sku"] = c.sku
	}
	return out
}

func (c *compute) provisioningErrors() []errorResponse {
	if len(c.errs) == 0 {
		return nil
	}
	out := make([]errorResponse, len(c.errs))
	for i, e := range c.errs {
		out[i] = errorResponse{Error: e}
	}
	return out
}

// typeProps is properties.properties without secrets.
func (s *Server) typeProps(c *compute) any {
	switch {
	case c.aml != nil:
		return s.amlState(c)
	case c.vm != nil:
		v := *c.vm
		if a := v.AdministratorAccount; a != nil {
			v.AdministratorAccount = &sshCreds{Username: a.Username, PublicKeyData: a.PublicKeyData}
		}
		return v
	case c.databricks != nil:
		return databricksProps{WorkspaceURL: c.databricks.WorkspaceURL}
	case c.adla != nil:
		return *c.adla
	}
	return nil
}

func (s *Server) amlState(c *compute) amlOut {
	out := amlOut{amlProps: *c.aml, AllocationState: "Steady", AllocationStateTransitionTime: c.created.UTC()}
	if u := c.aml.UserAccountCredentials; u != nil {
		out.UserAccountCredentials = &userAccount{AdminUserName: u.AdminUserName, AdminUserSSHPublicKey: u.AdminUserSSHPublicKey}
	}
	if cl := c.cluster; cl != nil && cl.started {
		cur, target, by := cl.counts(s.limits(c))
		out.AllocationState, out.AllocationStateTransitionTime = cl.allocState, cl.transition.UTC()
		out.CurrentNodeCount, out.TargetNodeCount = cur, target
		out.NodeStateCounts = nodeStateCounts{Idle: by[nodeIdle], Running: by[nodeRunning], Preparing: by[nodePreparing]}
	}
	return out
}
