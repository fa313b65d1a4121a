package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/azureml-go/azureml/compute"
)

// The commands of this file manage AmlCompute clusters of an Azure
// workspace, with the Azure ML CLI's flag names. In a local workspace the
// compute package answers with a *compute.UnsupportedError (exit 7).

// amlFlags are the provisioning flags of an AmlCompute cluster.
type amlFlags struct {
	name, vmSize, priority, admin, adminPasswordEnv, adminKeyFile string
	vnetGroup, vnet, subnet, remoteLogin, description, location   string
	tags                                                          []string
	minNodes, maxNodes, idle                                      int
	noWait                                                        bool
}

func (s *amlFlags) declare(f *flags) {
	f.str(&s.name, "name", "n", "NAME", "", "cluster name: 3 to 24 letters, digits and hyphens, a letter first (required)")
	f.str(&s.vmSize, "vm-size", "s", "SIZE", "", "VM size of the nodes, e.g. STANDARD_D2_V2 (required; see list-vm-sizes)")
	f.integer(&s.minNodes, "min-nodes", "", "N", 0, "nodes kept when idle")
	f.integer(&s.maxNodes, "max-nodes", "", "N", compute.DefaultMaxNodes, "maximum node count")
	f.integer(&s.idle, "idle-seconds-before-scaledown", "", "SECONDS", 0, "idle time before a node is released (0: the service's default, 120)")
	f.str(&s.priority, "vm-priority", "p", "PRIORITY", string(compute.VMPriorityDedicated), "dedicated or lowpriority")
	f.str(&s.admin, "admin-username", "", "USER", "", "administrator account of the nodes")
	f.str(&s.adminPasswordEnv, "admin-user-password-env", "", "VAR", "", "environment variable holding the administrator's password (sent in the request body only)")
	f.str(&s.adminKeyFile, "admin-user-ssh-key-file", "", "FILE", "", "public key file of the administrator")
	f.str(&s.vnetGroup, "vnet-resourcegroup-name", "", "GROUP", "", "resource group of the virtual network")
	f.str(&s.vnet, "vnet-name", "", "VNET", "", "virtual network of the nodes")
	f.str(&s.subnet, "subnet-name", "", "SUBNET", "", "subnet of the nodes")
	f.str(&s.remoteLogin, "remote-login-port-public-access", "", "ACCESS", "", "Enabled, Disabled or NotSpecified (default: open unless in a virtual network)")
	f.list(&s.tags, "tag", "", "KEY=VALUE", "ARM tag of the cluster (repeatable)")
	f.str(&s.description, "description", "", "TEXT", "", "description of the cluster")
	f.str(&s.location, "location", "l", "REGION", "", "region of the cluster (default: the workspace's)")
	f.boolean(&s.noWait, "no-wait", "", "return once the creation is accepted")
}

// config builds the provisioning configuration; the compute package
// validates it before any request.
func (s *amlFlags) config(a *app, path string) (*compute.AmlComputeProvisioningConfig, error) {
	cfg := &compute.AmlComputeProvisioningConfig{VMSize: s.vmSize, VMPriority: compute.VMPriority(s.priority),
		MinNodes: s.minNodes, MaxNodes: s.maxNodes, IdleSecondsBeforeScaleDown: s.idle, AdminUsername: s.admin,
		VNetResourceGroup: s.vnetGroup, VNetName: s.vnet, SubnetName: s.subnet,
		RemoteLoginPortPublicAccess: compute.RemoteLoginPortPublicAccess(s.remoteLogin),
		Description:                 s.description, Location: s.location}
	if s.adminPasswordEnv != "" {
		if cfg.AdminUserPassword = a.getenv(s.adminPasswordEnv); cfg.AdminUserPassword == "" {
			return nil, &usageError{cmd: path, msg: fmt.Sprintf("--admin-user-password-env %s: the variable is empty or not set", s.adminPasswordEnv)}
		}
	}
	if s.adminKeyFile != "" {
		b, err := os.ReadFile(s.adminKeyFile)
		if err != nil {
			return nil, err
		}
		cfg.AdminUserSSHKey = strings.TrimSpace(string(b))
	}
	tags, err := parseTags(path, s.tags)
	cfg.Tags = tags
	return cfg, err
}

// parseTags turns KEY=VALUE flags into a map.
func parseTags(path string, tags []string) (map[string]string, error) {
	if len(tags) == 0 {
		return nil, nil
	}
	m := map[string]string{}
	for _, t := range tags {
		k, v, ok := strings.Cut(t, "=")
		if !ok || k == "" {
			return nil, &usageError{cmd: path, msg: fmt.Sprintf("--tag %q: must be KEY=VALUE", t)}
		}
		m[k] = v
	}
	return m, nil
}

func computeCreateCommand() *command {
	var s amlFlags
	const path = "amlgo computetarget create amlcompute"
	create := &command{
		name:    "amlcompute",
		summary: "create an AmlCompute cluster in the Azure workspace and wait until it is ready",
		long: "Progress shows the provisioning state and the elapsed time, then the node counts.\n" +
			"The administrator password is read from the variable --admin-user-password-env names\n" +
			"and goes into the request body only. Ctrl-C stops waiting, not the creation.",
		example: "amlgo computetarget create amlcompute --name cpu --vm-size STANDARD_D2_V2 --max-nodes 4\n" +
			"amlgo computetarget create amlcompute -n gpu -s STANDARD_NC6 --vm-priority lowpriority --no-wait -o json",
		data:  true,
		setup: s.declare,
		run: func(ctx context.Context, a *app, _ []string) error {
			cfg, err := s.config(a, path)
			if err != nil {
				return err
			}
			ws, err := a.workspace(ctx)
			if err != nil {
				return err
			}
			op, err := compute.CreateAmlCompute(ctx, ws, s.name, cfg)
			if err != nil {
				return azureOnly(ws, err)
			}
			if s.noWait {
				return a.showTarget(ctx, ws, s.name)
			}
			c, err := waitAzure(ctx, a, "creating "+s.name, s.name, op)
			if err != nil {
				return err
			}
			a.notef("%s: %s", c.Name(), c.Status())
			v := viewOfTarget(c)
			return a.print(v, v.table)
		},
	}
	return &command{
		name:    "create",
		summary: "create a managed compute target",
		example: create.example,
		subs:    []*command{create},
	}
}
