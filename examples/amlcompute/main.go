// Command amlcompute creates (or reuses) an Azure Machine Learning compute
// cluster and waits until it is ready, printing its provisioning state and
// node counts as the Python SDK's wait_for_completion(show_output=True).
//
// With an Azure config.json (downloaded from the portal, in this folder,
// .azureml/ or aml_config/) it works on your workspace for real, with
// azidentity.NewDefaultAzureCredential (az login, environment, managed
// identity):
//
//	go run ./examples/amlcompute -name cpu-cluster -vm-size STANDARD_D2_V2 -max-nodes 4
//
// With -emulator it starts the ARM emulator of package
// workspace/workspacetest in-process and runs the same code against it, so
// the whole flow can be watched without an Azure account:
//
//	go run ./examples/amlcompute -emulator
//
// The flow is a list of steps (see steps): ensureCluster, showCluster, then
// submitScript, which submits the training script of examples/local to the
// cluster with experiment.Submit and streams its log until it ends (-source
// names another folder holding a train.py; -source - skips the step). With
// -emulator the emulator's jobs run for real on this machine, their code
// and logs in a local Azurite (azurite-blob, installed by scripts/deps.sh),
// which the example starts and stops.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/workspace"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// options are the command line.
type options struct {
	config   string
	emulator bool
	name     string
	vmSize   string
	maxNodes int
	delete   bool

	source     string
	experiment string
	python     string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "amlcompute:", err)
		os.Exit(1)
	}
}

func parse(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("amlcompute", flag.ContinueOnError)
	fs.StringVar(&o.config, "config", "", "config.json, or a folder to search from (default: the current folder)")
	fs.BoolVar(&o.emulator, "emulator", false, "run against an in-process ARM emulator instead of Azure")
	fs.StringVar(&o.name, "name", "cpu-cluster", "cluster name")
	fs.StringVar(&o.vmSize, "vm-size", "STANDARD_D2_V2", "VM size of the nodes")
	fs.IntVar(&o.maxNodes, "max-nodes", 4, "maximum number of nodes")
	fs.BoolVar(&o.delete, "delete", false, "delete the cluster at the end")
	fs.StringVar(&o.source, "source", "", "folder with the train.py to submit (default: examples/local/train; - skips submitting)")
	fs.StringVar(&o.experiment, "experiment", "amlcompute-example", "experiment of the run")
	fs.StringVar(&o.python, "python", "", "run with this python as is (default: a conda environment on Azure, python3 with -emulator)")
	return o, fs.Parse(args)
}

// session is what the steps share.
type session struct {
	ws      *workspace.Workspace
	opts    *options
	out     io.Writer
	cluster *compute.AmlCompute
}

// steps is the flow; each step runs after the previous one succeeded.
func steps() []func(context.Context, *session) error {
	return []func(context.Context, *session) error{ensureCluster, showCluster, submitScript}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	ws, done, err := openWorkspace(ctx, o)
	if err != nil {
		return err
	}
	defer done()
	fmt.Fprintf(out, "workspace %s in %s\n", ws.Name(), ws.Location())
	s := &session{ws: ws, opts: o, out: out}
	for _, step := range steps() {
		if err := step(ctx, s); err != nil {
			return err
		}
	}
	if o.delete {
		return deleteCluster(ctx, s)
	}
	return nil
}

// openWorkspace reads the Azure workspace of config.json, or starts
// Azurite and the emulator (its workspace's storage in that Azurite) and
// reads its workspace. done releases what it started.
func openWorkspace(ctx context.Context, o *options) (*workspace.Workspace, func(), error) {
	if !o.emulator {
		ws, err := workspace.FromConfig(ctx, o.config, &workspace.FromConfigOptions{RequireConfig: true, Fetch: true})
		if err == nil && ws.IsLocal() {
			err = errors.New("config.json names a local workspace; AmlCompute needs an Azure one (or use -emulator)")
		}
		return ws, func() {}, err
	}
	if o.python == "" {
		o.python = "python3" // the emulator runs jobs on this machine
	}
	az, err := azuritetest.Launch(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("starting Azurite for the emulator's storage: %w", err)
	}
	s := workspacetest.NewServer(&workspacetest.Options{Workspace: "emulated-ws", Location: "eastus",
		ProvisioningDelay: 3 * time.Second,
		Storage:           &workspacetest.BlobStorage{ServiceURL: az.ServiceURL, AccountName: azuritetest.AccountName, AccountKey: azuritetest.AccountKey}})
	done := func() {
		s.Close()
		_ = az.Close()
	}
	opts := &workspace.GetOptions{Credential: s.Credential()}
	opts.ClientOptions.Cloud = cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
		cloud.ResourceManager: {Endpoint: s.URL(), Audience: "https://management.azure.com"},
	}}
	opts.ClientOptions.Transport = s.Client()
	sub := strings.Split(s.WorkspaceID(), "/")[2]
	ws, err := workspace.Get(ctx, sub, "rg", "emulated-ws", opts)
	if err != nil {
		done()
		return nil, nil, err
	}
	return ws, done, nil
}

// ensureCluster reuses the cluster when it exists, else creates it and
// waits until it is ready.
func ensureCluster(ctx context.Context, s *session) error {
	t, err := compute.Get(ctx, s.ws, s.opts.name)
	switch {
	case err == nil:
		c, ok := t.(*compute.AmlCompute)
		if !ok {
			return fmt.Errorf("compute %q exists and is a %s, not an AmlCompute cluster", s.opts.name, t.Kind())
		}
		fmt.Fprintf(s.out, "found existing cluster %s, using it\n", c.Name())
		s.cluster = c
		return nil
	case !errors.Is(err, compute.ErrNotFound):
		return err
	}
	cfg := &compute.AmlComputeProvisioningConfig{VMSize: s.opts.vmSize, MaxNodes: s.opts.maxNodes,
		IdleSecondsBeforeScaleDown: 1800}
	fmt.Fprintf(s.out, "creating cluster %s (%s, 0 to %d nodes)\n", s.opts.name, cfg.VMSize, cfg.MaxNodes)
	op, err := compute.CreateAmlCompute(ctx, s.ws, s.opts.name, cfg)
	if err != nil {
		return err
	}
	s.cluster, err = op.WaitForCompletion(ctx, s.out)
	return err
}

// showCluster prints the cluster's current status.
func showCluster(ctx context.Context, s *session) error {
	st, err := s.cluster.GetStatus(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "cluster %s: %s\n", s.cluster.Name(), st)
	return nil
}

func deleteCluster(ctx context.Context, s *session) error {
	op, err := s.cluster.Delete(ctx)
	if err != nil {
		return err
	}
	_, err = op.WaitForCompletion(ctx, s.out)
	return err
}
