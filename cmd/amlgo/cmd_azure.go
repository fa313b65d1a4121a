package main

import (
	"context"

	"github.com/azureml-go/azureml/compute"
)

// The commands of this file manage Azure-managed compute (AmlCompute
// clusters). Their flags are those of the Azure ML CLI; the compute package
// of this version cannot create, update, delete or list the nodes of such
// targets yet, so each returns the package's *compute.UnsupportedError
// (exit code 7) instead of pretending. Wiring one is replacing its run
// function with the library call.

// notYet is the error of a command the compute package cannot serve yet.
func notYet(what string) error {
	return &compute.UnsupportedError{What: what,
		Hint: "this version of the compute package cannot do it yet; attach a machine with 'amlgo computetarget attach remote' instead"}
}

// amlFlags are the provisioning flags of an AmlCompute cluster.
type amlFlags struct {
	name, vmSize, priority, admin, adminKeyFile string
	minNodes, maxNodes, idle                    int
}

func computeCreateCommand() *command {
	var s amlFlags
	var noWait bool
	create := &command{
		name:    "amlcompute",
		summary: "create an AmlCompute cluster (not supported by this version of the compute package)",
		example: "amlgo computetarget create amlcompute --name cpu --vm-size STANDARD_D2_V2 --max-nodes 4",
		data:    true,
		setup: func(f *flags) {
			f.str(&s.name, "name", "n", "NAME", "", "cluster name")
			f.str(&s.vmSize, "vm-size", "s", "SIZE", "", "VM size, e.g. STANDARD_D2_V2")
			f.integer(&s.minNodes, "min-nodes", "", "N", 0, "minimum node count")
			f.integer(&s.maxNodes, "max-nodes", "", "N", 4, "maximum node count")
			f.integer(&s.idle, "idle-seconds-before-scaledown", "", "SECONDS", 120, "idle time before a node is released")
			f.str(&s.priority, "vm-priority", "p", "PRIORITY", "dedicated", "dedicated or lowpriority")
			f.str(&s.admin, "admin-username", "", "USER", "", "administrator account of the nodes")
			f.str(&s.adminKeyFile, "admin-user-ssh-key-file", "", "FILE", "", "public key file of the administrator")
			f.boolean(&noWait, "no-wait", "", "return once the creation is accepted")
		},
		run: func(context.Context, *app, []string) error { return notYet("creating an AmlCompute cluster") },
	}
	return &command{
		name:    "create",
		summary: "create a managed compute target",
		example: create.example,
		subs:    []*command{create},
	}
}

func computeUpdateCommand() *command {
	var s amlFlags
	return &command{
		name:    "update",
		summary: "change an AmlCompute cluster's scale settings (not supported by this version of the compute package)",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo computetarget update cpu --max-nodes 8",
		data:    true,
		setup: func(f *flags) {
			f.integer(&s.minNodes, "min-nodes", "", "N", 0, "minimum node count")
			f.integer(&s.maxNodes, "max-nodes", "", "N", 0, "maximum node count")
			f.integer(&s.idle, "idle-seconds-before-scaledown", "", "SECONDS", 0, "idle time before a node is released")
		},
		run: func(context.Context, *app, []string) error { return notYet("updating an AmlCompute cluster") },
	}
}

func computeDeleteCommand() *command {
	return &command{
		name:    "delete",
		summary: "delete a managed compute target (not supported by this version; use detach for attached targets)",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo computetarget delete cpu",
		data:    true,
		run:     func(context.Context, *app, []string) error { return notYet("deleting a managed compute target") },
	}
}

func computeListNodesCommand() *command {
	return &command{
		name:    "list-nodes",
		summary: "list an AmlCompute cluster's nodes (not supported by this version of the compute package)",
		args:    "NAME",
		minArgs: 1, maxArgs: 1,
		example: "amlgo computetarget list-nodes cpu -o json",
		data:    true,
		run: func(context.Context, *app, []string) error {
			return notYet("listing the nodes of an AmlCompute cluster")
		},
	}
}
