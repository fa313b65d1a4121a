// Command remote-vm trains the small logistic regression of examples/local
// on a Linux machine reached over SSH: it attaches the machine to the local
// workspace as a compute target (once; later runs reuse the registration),
// submits examples/local/train/train.py unchanged with a run configuration
// whose target names the machine, streams the run's log, and prints the
// run id, final status, accuracy and outputs. From the root of a clone:
//
//	go run ./examples/remote-vm -address 10.0.0.4 -user azureuser -key ~/.ssh/id_ed25519
//	VM_PASSWORD=... go run ./examples/remote-vm -address vm.example.com -user me -password-env VM_PASSWORD
//
// The host needs python3, a POSIX sh and setsid(1) (any Linux). Its key must
// be in -known-hosts (default ~/.ssh/known_hosts), or pass -accept-new-host
// to trust it on first use and record it there. Every flag also reads an
// environment variable: AZUREML_VM_ADDRESS, AZUREML_VM_PORT,
// AZUREML_VM_USER, AZUREML_VM_KEY, AZUREML_VM_PASSWORD_ENV,
// AZUREML_VM_KNOWN_HOSTS. The password itself is never a flag: it is read
// from the variable -password-env names, and never stored.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// settings are the command's flags.
type settings struct {
	wsDir, name, source, python string
	attach                      compute.RemoteVMAttachConfig
}

func main() {
	s := parseFlags()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, s, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func parseFlags() *settings {
	s := &settings{}
	a := &s.attach
	port, _ := strconv.Atoi(os.Getenv("AZUREML_VM_PORT"))
	flag.StringVar(&a.Address, "address", os.Getenv("AZUREML_VM_ADDRESS"), "host name or IP address of the machine")
	flag.IntVar(&a.SSHPort, "port", port, "SSH port (default 22)")
	flag.StringVar(&a.Username, "user", os.Getenv("AZUREML_VM_USER"), "user that runs the jobs")
	flag.StringVar(&a.PrivateKeyFile, "key", os.Getenv("AZUREML_VM_KEY"), "private key file (its path is recorded, never its content)")
	flag.StringVar(&a.PasswordEnv, "password-env", os.Getenv("AZUREML_VM_PASSWORD_ENV"), "name of the environment variable holding the password")
	flag.StringVar(&a.KnownHostsFile, "known-hosts", os.Getenv("AZUREML_VM_KNOWN_HOSTS"), "known_hosts file (default ~/.ssh/known_hosts)")
	flag.BoolVar(&a.AcceptUnknownHost, "accept-new-host", false, "trust a host key not yet in known_hosts, and record it")
	flag.BoolVar(&a.UseAgent, "agent", false, "authenticate with ssh-agent")
	flag.StringVar(&s.name, "name", "remote-vm", "compute target name in the workspace")
	flag.StringVar(&s.wsDir, "workspace", "", "local workspace folder (default: $AZUREML_GO_HOME or the default local workspace)")
	flag.StringVar(&s.source, "source", "", "the training folder (default: examples/local/train)")
	flag.StringVar(&s.python, "python", "python3", "the Python interpreter on the host")
	flag.Parse()
	a.Interpreter = s.python
	return s
}

// run attaches if needed, submits the run and reports it to out.
func run(ctx context.Context, s *settings, out io.Writer) error {
	ws, err := workspace.Local(ctx, &workspace.LocalOptions{Dir: s.wsDir})
	if err != nil {
		return err
	}
	if err := ensureAttached(ctx, ws, s, out); err != nil {
		return err
	}
	exp, err := experiment.New(ws, "remote-vm-logreg")
	if err != nil {
		return err
	}
	rc := runconfig.New()
	rc.Target = s.name // the only change from examples/local
	rc.Environment.Python.UserManagedDependencies = true
	rc.Environment.Python.InterpreterPath = s.python
	source := s.source
	if source == "" {
		source = trainFolder()
	}
	cfg := &runconfig.ScriptRunConfig{SourceDirectory: source, Script: "train.py",
		Arguments: []string{"--epochs", "50", "--lr", "0.1"}, RunConfig: rc}
	r, err := exp.Submit(ctx, cfg, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "submitted run %s to target %s\n", r.ID(), rc.Target)
	d, err := r.WaitForCompletion(ctx, &experiment.WaitOptions{Output: out})
	if err != nil {
		return err
	}
	return report(ctx, r, d, out)
}

// ensureAttached attaches the machine unless the workspace already has a
// target of that name.
func ensureAttached(ctx context.Context, ws *workspace.Workspace, s *settings, out io.Writer) error {
	t, err := compute.Get(ctx, ws, s.name)
	if err == nil {
		if _, ok := t.(*compute.RemoteVM); !ok {
			return fmt.Errorf("remote-vm: target %q exists and is a %s, not a remote VM", s.name, t.Kind())
		}
		fmt.Fprintf(out, "using attached target %s\n", s.name)
		return nil
	}
	if !errors.Is(err, compute.ErrNotFound) {
		return err
	}
	op, err := compute.AttachRemoteVM(ctx, ws, s.name, &s.attach, nil)
	if err != nil {
		return err
	}
	vm, err := op.WaitForCompletion(ctx, out)
	if err != nil {
		return err
	}
	h := vm.Host()
	fmt.Fprintf(out, "attached %s: %s %s, %s, %d MiB free\n", s.name, h.OS, h.Arch, h.Python, h.FreeDiskKB/1024)
	return nil
}

// report prints the run's outcome: id, status, accuracy and outputs.
func report(ctx context.Context, r *experiment.Run, d *experiment.Details, out io.Writer) error {
	metrics, err := r.Metrics(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "run id:   %s\nstatus:   %s\n", d.RunID, d.Status)
	if acc := metrics["accuracy"]; len(acc) > 0 {
		fmt.Fprintf(out, "accuracy: %.3f\n", acc[len(acc)-1].Value)
	}
	for _, f := range d.OutputFiles {
		fmt.Fprintf(out, "output:   %s\n", filepath.Join(r.Dir(), filepath.FromSlash(f)))
	}
	if d.Status != experiment.StatusCompleted {
		return fmt.Errorf("remote-vm: run %s ended %s", d.RunID, d.Status)
	}
	return nil
}

// trainFolder finds examples/local/train: under the current folder (the
// root of a clone), else beside this source file.
func trainFolder() string {
	const rel = "examples/local/train"
	if fi, err := os.Stat(rel); err == nil && fi.IsDir() {
		return rel
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		return filepath.Join(filepath.Dir(file), "..", "local", "train")
	}
	return rel
}
