package compute

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/workspace"
)

// AttachState is the provisioning state of an attach, as the Azure ML
// SDK reports it.
type AttachState string

// The attach states.
const (
	AttachCreating  AttachState = "Creating"
	AttachSucceeded AttachState = "Succeeded"
	AttachFailed    AttachState = "Failed"
)

// AttachStateValues returns every AttachState.
func AttachStateValues() []AttachState {
	return []AttachState{AttachCreating, AttachSucceeded, AttachFailed}
}

// AttachOptions tune an attach; a nil *AttachOptions means the defaults.
type AttachOptions struct {
	// SSH tunes the connections of the attach and of the returned target.
	SSH *SSHOptions
}

// AttachOperation is an attach that has been validated and not yet run:
// [AttachOperation.WaitForCompletion] connects to the host, checks it and
// records the target in the workspace. It is safe for concurrent use;
// the attach runs once.
type AttachOperation[T Target] struct {
	ws     *workspace.Workspace
	name   string
	kind   Kind
	host   hostRecord
	params sshParams
	build  func(name string, h hostRecord, o SSHOptions) T
	dial   dialFunc

	mu     sync.Mutex
	state  AttachState
	target T
	err    error
}

// AttachRemoteVM begins attaching the machine cfg describes as the target
// name of ws (a local workspace). Before anything else it validates name
// ([ValidateName]) and cfg ([RemoteVMAttachConfig.Validate]) and checks
// that ws has no target called name (a *[ConflictError]); then it returns
// an operation whose WaitForCompletion does the attach.
func AttachRemoteVM(ctx context.Context, ws *workspace.Workspace, name string, cfg *RemoteVMAttachConfig, opts *AttachOptions) (*AttachOperation[*RemoteVM], error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	build := func(n string, h hostRecord, o SSHOptions) *RemoteVM {
		v := newRemoteVM(n, h)
		v.core.opts = o
		return v
	}
	return beginAttach(ctx, ws, name, KindVirtualMachine, cfg, opts, build)
}

// AttachHDInsight begins attaching the HDInsight cluster cfg describes as
// the target name of ws, with the checks of [AttachRemoteVM].
func AttachHDInsight(ctx context.Context, ws *workspace.Workspace, name string, cfg *HDInsightAttachConfig, opts *AttachOptions) (*AttachOperation[*HDInsight], error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	build := func(n string, h hostRecord, o SSHOptions) *HDInsight {
		t := newHDInsight(n, h)
		t.core.opts = o
		return t
	}
	return beginAttach(ctx, ws, name, KindHDInsight, cfg.remote(), opts, build)
}

// beginAttach makes the operation after the checks common to SSH targets.
func beginAttach[T Target](ctx context.Context, ws *workspace.Workspace, name string, kind Kind,
	cfg *RemoteVMAttachConfig, opts *AttachOptions, build func(string, hostRecord, SSHOptions) T) (*AttachOperation[T], error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	if ws == nil || !ws.IsLocal() {
		return nil, &UnsupportedError{What: "attaching to a workspace that is not local",
			Hint: "attach to a local workspace (workspace.Local)"}
	}
	if err := ensureFree(ctx, ws, name); err != nil {
		return nil, err
	}
	var o *SSHOptions
	if opts != nil {
		o = opts.SSH
	}
	h := hostRecord{Address: cfg.Address, Port: cfg.port(), Username: cfg.Username, KeyFile: cfg.PrivateKeyFile,
		PasswordEnv: cfg.PasswordEnv, PassphraseEnv: cfg.PrivateKeyPassphraseEnv, UseAgent: cfg.UseAgent, KnownHosts: cfg.KnownHostsFile, Interpreter: cfg.Interpreter}
	op := &AttachOperation[T]{ws: ws, name: name, kind: kind, host: h, build: build, dial: dialSSH, state: AttachCreating,
		params: sshParams{host: h, password: cfg.Password, passphrase: cfg.PrivateKeyPassphrase,
			accept: cfg.AcceptUnknownHost, opts: o.withDefaults()}}
	return op, nil
}

// ensureFree returns a *ConflictError when ws has a target called name.
func ensureFree(ctx context.Context, ws *workspace.Workspace, name string) error {
	st, err := store.Open(ctx, ws.LocalDir())
	if err != nil {
		return fmt.Errorf("compute: attach %q: %w", name, err)
	}
	var reg registration
	err = st.ReadJSON(ctx, registrationPrefix+name, &reg)
	if err == nil {
		return &ConflictError{Name: name, Kind: reg.Kind}
	}
	if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("compute: attach %q: %w", name, err)
	}
	return nil
}

// State returns the attach's state: Creating until WaitForCompletion has
// finished, then Succeeded or Failed.
func (op *AttachOperation[T]) State() AttachState {
	op.mu.Lock()
	defer op.mu.Unlock()
	return op.state
}

// WaitForCompletion runs the attach (once; later calls return its result):
// it connects to the host (trusting an unknown host key only when the
// configuration accepts it), checks it (uname -s, uname -m, the
// interpreter's --version, df -Pk ~, setsid) and records the target in the
// workspace, never its password or passphrase. When out is not nil it
// writes the progress as the SDK's wait_for_completion(show_output=True)
// does. A failure is an *[AttachError] and leaves nothing in the workspace.
func (op *AttachOperation[T]) WaitForCompletion(ctx context.Context, out io.Writer) (T, error) {
	op.mu.Lock()
	defer op.mu.Unlock()
	if op.state != AttachCreating {
		return op.target, op.err
	}
	if out == nil {
		out = io.Discard
	}
	fmt.Fprint(out, string(AttachCreating))
	t, err := op.run(ctx, out)
	op.state, op.target, op.err = AttachSucceeded, t, err
	if err != nil {
		op.state = AttachFailed
	}
	fmt.Fprintf(out, "\n%sProvisioning operation finished, operation %q\n", op.state, string(op.state))
	return op.target, op.err
}

// run connects, checks the host and records the registration.
func (op *AttachOperation[T]) run(ctx context.Context, out io.Writer) (T, error) {
	var zero T
	p := op.params
	if p.password == "" && op.host.PasswordEnv != "" {
		p.password = os.Getenv(op.host.PasswordEnv)
	}
	if p.passphrase == "" && op.host.PassphraseEnv != "" {
		p.passphrase = os.Getenv(op.host.PassphraseEnv)
	}
	conn, err := op.dial(ctx, &p)
	if err != nil {
		err = &ConnectError{Target: op.name, Address: op.host.Address, Port: op.host.Port, Err: err}
		return zero, &AttachError{Name: op.name, Stage: "connect", Err: err}
	}
	defer conn.Close()
	fmt.Fprint(out, ".")
	info, err := probeHost(ctx, conn, (&sshCore{host: op.host}).interpreter())
	if err != nil {
		return zero, &AttachError{Name: op.name, Stage: "check host", Err: err}
	}
	fmt.Fprint(out, ".")
	h := op.host
	h.Host = *info
	h.Interpreter = (&sshCore{host: h}).interpreter()
	if err := writeRegistration(ctx, op.ws, op.name, op.kind, h); err != nil {
		return zero, &AttachError{Name: op.name, Stage: "record", Err: err}
	}
	fmt.Fprint(out, ".")
	return op.build(op.name, h, p.opts), nil
}
