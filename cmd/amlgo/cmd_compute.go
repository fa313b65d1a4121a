package main

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/azureml-go/azureml/compute"
)

// targetView is the JSON of a compute target ("computetarget show", one
// element of "computetarget list", the result of an attach).
type targetView struct {
	Name       string            `json:"name"`
	Kind       string            `json:"kind"`
	Address    string            `json:"address,omitempty"`
	SSHPort    int               `json:"ssh_port,omitempty"`
	Username   string            `json:"username,omitempty"`
	Host       *hostView         `json:"host,omitempty"`
	Properties map[string]string `json:"properties,omitempty"`
	// The fields of Azure targets (see azureView).
	ResourceID        string            `json:"resource_id,omitempty"`
	Location          string            `json:"location,omitempty"`
	ProvisioningState string            `json:"provisioning_state,omitempty"`
	VMSize            string            `json:"vm_size,omitempty"`
	VMPriority        string            `json:"vm_priority,omitempty"`
	Scale             *scaleView        `json:"scale_settings,omitempty"`
	Status            *amlStatusView    `json:"status,omitempty"`
	WorkspaceURL      string            `json:"workspace_url,omitempty"`
	Description       string            `json:"description,omitempty"`
	Tags              map[string]string `json:"tags,omitempty"`
	Capabilities      map[string]string `json:"capabilities"`
}

// hostView is what an attach found out about a host.
type hostView struct {
	OS         string `json:"os"`
	Arch       string `json:"arch"`
	Python     string `json:"python"`
	FreeDiskKB int64  `json:"free_disk_kb"`
}

func viewOfTarget(t compute.Target) targetView {
	v := targetView{Name: t.Name(), Kind: string(t.Kind()), Capabilities: map[string]string{}}
	for c, s := range compute.Capabilities(t.Kind()) {
		v.Capabilities[string(c)] = string(s)
	}
	switch t := t.(type) {
	case *compute.RemoteVM:
		v.Address, v.SSHPort = t.Address()
		v.Username = t.Username()
		if h := t.Host(); h != (compute.HostInfo{}) {
			v.Host = &hostView{OS: h.OS, Arch: h.Arch, Python: h.Python, FreeDiskKB: h.FreeDiskKB}
		}
	case *compute.HDInsight:
		v.Address, v.SSHPort = t.Address()
	case *compute.Registered:
		v.Properties = t.Properties()
	default:
		azureView(&v, t)
	}
	return v
}

// table writes the detail table of one target.
func (v targetView) table(w io.Writer) {
	field(w, "name", v.Name)
	field(w, "kind", v.Kind)
	if v.Address != "" {
		field(w, "address", fmt.Sprintf("%s port %d", v.Address, v.SSHPort))
	}
	field(w, "username", v.Username)
	if h := v.Host; h != nil {
		field(w, "host", fmt.Sprintf("%s %s, %s, %s free", h.OS, h.Arch, h.Python, humanBytes(h.FreeDiskKB*1024)))
	}
	for _, k := range sortedKeys(v.Properties) {
		field(w, k, v.Properties[k])
	}
	v.azureTable(w)
	for _, c := range compute.CapabilityValues() {
		field(w, string(c), v.Capabilities[string(c)])
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func computeListCommand() *command {
	return &command{
		name:    "list",
		summary: "list the workspace's compute targets, local first",
		example: "amlgo computetarget list -o json",
		data:    true,
		run: func(ctx context.Context, a *app, _ []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			ts, err := compute.List(ctx, ws)
			if err != nil {
				return err
			}
			views := make([]targetView, 0, len(ts))
			for _, t := range ts {
				views = append(views, viewOfTarget(t))
			}
			return a.print(views, func(w io.Writer) {
				row(w, "NAME", "KIND", "ADDRESS")
				for _, v := range views {
					addr := ""
					if v.Address != "" {
						addr = fmt.Sprintf("%s:%d", v.Address, v.SSHPort)
					}
					row(w, v.Name, v.Kind, addr)
				}
			})
		},
	}
}

func computeShowCommand() *command {
	return &command{
		name:    "show",
		summary: "show a compute target: kind, address, host and capabilities",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo computetarget show my-vm",
		data:    true,
		run: func(ctx context.Context, a *app, args []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			t, err := compute.Get(ctx, ws, args[0])
			if err != nil {
				return err
			}
			v := viewOfTarget(t)
			return a.print(v, v.table)
		},
	}
}

// detachView is the JSON of "computetarget detach".
type detachView struct {
	Name     string `json:"name"`
	Detached bool   `json:"detached"`
}

func computeDetachCommand() *command {
	return &command{
		name:    "detach",
		summary: "remove an attached target's registration (nothing on the host is touched)",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo computetarget detach my-vm",
		data:    true,
		run: func(ctx context.Context, a *app, args []string) error {
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			if err := compute.Detach(ctx, ws, args[0]); err != nil {
				return err
			}
			return a.print(detachView{Name: args[0], Detached: true}, func(w io.Writer) { field(w, "detached", args[0]) })
		},
	}
}
