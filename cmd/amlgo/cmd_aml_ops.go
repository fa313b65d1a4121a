package main

import (
	"context"
	"fmt"
	"io"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/workspace"
)

// showTarget reads the target name of ws and prints it.
func (a *app) showTarget(ctx context.Context, ws *workspace.Workspace, name string) error {
	t, err := compute.Get(ctx, ws, name)
	if err != nil {
		return err
	}
	v := viewOfTarget(t)
	return a.print(v, v.table)
}

// amlCluster returns the AmlCompute cluster name of the workspace; another
// kind of target is a *compute.NotSupportedError for operation.
func (a *app) amlCluster(ctx context.Context, name, operation string) (*compute.AmlCompute, error) {
	ws, err := a.workspace(ctx)
	if err != nil {
		return nil, err
	}
	t, err := compute.Get(ctx, ws, name)
	if err != nil {
		return nil, err
	}
	c, ok := t.(*compute.AmlCompute)
	if !ok {
		return nil, &compute.NotSupportedError{Kind: t.Kind(), Operation: operation,
			Reason: fmt.Sprintf("%q is not an AmlCompute cluster", name)}
	}
	return c, nil
}

func computeUpdateCommand() *command {
	var fl *flags
	var minNodes, maxNodes, idle int
	var noWait bool
	const path = "amlgo computetarget update"
	return &command{
		name:    "update",
		summary: "change an AmlCompute cluster's scale settings and wait until it is done",
		long:    "Only the settings given change; the others keep their current values.",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo computetarget update cpu --max-nodes 8\namlgo computetarget update cpu --min-nodes 1 --idle-seconds-before-scaledown 600",
		data:    true,
		setup: func(f *flags) {
			fl = f
			f.integer(&minNodes, "min-nodes", "", "N", 0, "nodes kept when idle")
			f.integer(&maxNodes, "max-nodes", "", "N", 0, "maximum node count")
			f.integer(&idle, "idle-seconds-before-scaledown", "", "SECONDS", 0, "idle time before a node is released")
			f.boolean(&noWait, "no-wait", "", "return once the update is accepted")
		},
		run: func(ctx context.Context, a *app, args []string) error {
			u := &compute.AmlComputeUpdate{}
			if fl.changed("min-nodes") {
				u.MinNodes = &minNodes
			}
			if fl.changed("max-nodes") {
				u.MaxNodes = &maxNodes
			}
			if fl.changed("idle-seconds-before-scaledown") {
				u.IdleSecondsBeforeScaleDown = &idle
			}
			if *u == (compute.AmlComputeUpdate{}) {
				return &usageError{cmd: path, msg: "give at least one of --min-nodes, --max-nodes, --idle-seconds-before-scaledown"}
			}
			c, err := a.amlCluster(ctx, args[0], "update")
			if err != nil {
				return err
			}
			op, err := c.Update(ctx, u)
			if err != nil {
				return err
			}
			if !noWait {
				if c, err = waitAzure(ctx, a, "updating "+c.Name(), c.Name(), op); err != nil {
					return err
				}
				a.notef("%s: %s", c.Name(), c.Status())
			}
			v := viewOfTarget(c)
			return a.print(v, v.table)
		},
	}
}

// deleteView is the JSON of "computetarget delete".
type deleteView struct {
	Name string `json:"name"`
	// Action is what the service does: Delete.
	Action string `json:"action"`
	// Done is false with --no-wait: the deletion was accepted.
	Done bool `json:"done"`
}

func computeDeleteCommand() *command {
	var noWait bool
	return &command{
		name:    "delete",
		summary: "delete an Azure compute target and the resource behind it (detach only forgets an attached one)",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo computetarget delete cpu\namlgo computetarget delete cpu --no-wait -o json",
		data:    true,
		setup:   func(f *flags) { f.boolean(&noWait, "no-wait", "", "return once the deletion is accepted") },
		run: func(ctx context.Context, a *app, args []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			op, err := compute.Delete(ctx, ws, args[0])
			if err != nil {
				return azureOnly(ws, err)
			}
			v := deleteView{Name: args[0], Action: "Delete"}
			if !noWait {
				res, err := waitAzure(ctx, a, "deleting "+args[0], args[0], op)
				if err != nil {
					return err
				}
				v.Action, v.Done = res.Action, true
			}
			return a.print(v, func(w io.Writer) {
				state := "accepted"
				if v.Done {
					state = "done"
				}
				field(w, "deleted", fmt.Sprintf("%s (%s)", v.Name, state))
			})
		},
	}
}

// nodeView is one element of the JSON of "computetarget list-nodes".
type nodeView struct {
	NodeID    string `json:"node_id"`
	State     string `json:"state"`
	PrivateIP string `json:"private_ip"`
	PublicIP  string `json:"public_ip"`
	Port      int    `json:"port"`
	RunID     string `json:"run_id"`
}

func computeListNodesCommand() *command {
	return &command{
		name:    "list-nodes",
		summary: "list an AmlCompute cluster's nodes: state, addresses and the run each works on",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo computetarget list-nodes cpu -o json",
		data:    true,
		run: func(ctx context.Context, a *app, args []string) error {
			c, err := a.amlCluster(ctx, args[0], "list nodes of")
			if err != nil {
				return err
			}
			nodes, err := c.ListNodes(ctx)
			if err != nil {
				return err
			}
			views := make([]nodeView, 0, len(nodes))
			for _, n := range nodes {
				views = append(views, nodeView{NodeID: n.ID, State: n.State, PrivateIP: n.PrivateIPAddress,
					PublicIP: n.PublicIPAddress, Port: n.Port, RunID: n.RunID})
			}
			return a.print(views, func(w io.Writer) {
				row(w, "NODE ID", "STATE", "PRIVATE IP", "PUBLIC IP", "PORT", "RUN ID")
				for _, v := range views {
					row(w, v.NodeID, v.State, v.PrivateIP, v.PublicIP, v.Port, v.RunID)
				}
			})
		},
	}
}

// vmSizeView is one element of the JSON of "computetarget list-vm-sizes".
type vmSizeView struct {
	Name                  string   `json:"name"`
	Family                string   `json:"family"`
	VCPUs                 int      `json:"vcpus"`
	GPUs                  int      `json:"gpus"`
	MemoryGB              float64  `json:"memory_gb"`
	LowPriorityCapable    bool     `json:"low_priority_capable"`
	SupportedComputeTypes []string `json:"supported_compute_types"`
}

func computeListVMSizesCommand() *command {
	var location string
	return &command{
		name:    "list-vm-sizes",
		summary: "list the VM sizes AmlCompute offers in the workspace's region (or --location)",
		example: "amlgo computetarget list-vm-sizes\namlgo computetarget list-vm-sizes --location westeurope -o json",
		data:    true,
		setup:   func(f *flags) { f.str(&location, "location", "l", "REGION", "", "region (default: the workspace's)") },
		run: func(ctx context.Context, a *app, _ []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			sizes, err := compute.SupportedVMSizes(ctx, ws, location)
			if err != nil {
				return azureOnly(ws, err)
			}
			views := make([]vmSizeView, 0, len(sizes))
			for _, s := range sizes {
				views = append(views, vmSizeView{Name: s.Name, Family: s.Family, VCPUs: s.VCPUs, GPUs: s.GPUs,
					MemoryGB: s.MemoryGB, LowPriorityCapable: s.LowPriorityCapable, SupportedComputeTypes: s.SupportedComputeTypes})
			}
			return a.print(views, func(w io.Writer) {
				row(w, "NAME", "VCPUS", "GPUS", "MEMORY GB", "LOW PRIORITY", "FAMILY")
				for _, v := range views {
					row(w, v.Name, v.VCPUs, v.GPUs, v.MemoryGB, v.LowPriorityCapable, v.Family)
				}
			})
		},
	}
}
