package compute

import (
	"context"
	"io"

	"github.com/azureml-go/azureml/internal/sshx"
)

// RemoteVM is a Linux machine attached over SSH (kind VirtualMachine): the
// Python SDK's RemoteCompute. Get one with [Get] after [AttachRemoteVM]
// (in any process), or from AttachOperation.WaitForCompletion.
//
// Jobs run in ~/.azureml-go/runs/<run id>/ on the host, under the same
// detached supervisor as local runs, so a run survives the client and its
// SSH connection; any process that can connect re-attaches by run id.
// Snapshot contents go to a content-addressed store on the host
// (~/.azureml-go/objects) and only those the host lacks are uploaded.
// Several runs may use one host at once.
//
// The workspace never stores a password or passphrase: a process that
// needs one gets it from [RemoteVM.WithCredentials], or from the
// environment variable the attach named (PasswordEnv); key files are
// referenced by path and ssh-agent may be used.
//
// A RemoteVM holds no open connection (each call connects) and is safe for
// concurrent use.
type RemoteVM struct {
	core sshCore
}

var _ Runner = (*RemoteVM)(nil)

// newRemoteVM returns the RemoteVM of a registration.
func newRemoteVM(name string, h hostRecord) *RemoteVM {
	return &RemoteVM{core: sshCore{name: name, kind: KindVirtualMachine, host: h,
		opts: (*SSHOptions)(nil).withDefaults(), dial: dialSSH, keys: &sshx.KeyCache{}}}
}

// Name implements [Target].
func (v *RemoteVM) Name() string { return v.core.name }

// Kind implements [Target]: [KindVirtualMachine].
func (v *RemoteVM) Kind() Kind { return KindVirtualMachine }

// Address returns the host's address and SSH port.
func (v *RemoteVM) Address() (host string, port int) { return v.core.host.Address, v.core.host.Port }

// Username returns the account jobs run as.
func (v *RemoteVM) Username() string { return v.core.host.Username }

// Host returns what the attach found out about the host.
func (v *RemoteVM) Host() HostInfo { return v.core.host.Host }

// WithCredentials returns a copy of v that authenticates with c (a
// password, or the passphrase of the registration's key file). It does no
// I/O; v is unchanged.
func (v *RemoteVM) WithCredentials(c Credentials) *RemoteVM {
	cp := *v
	cp.core.creds = c
	return &cp
}

// WithOptions returns a copy of v that connects with opts (nil: the
// defaults). It does no I/O; v is unchanged.
func (v *RemoteVM) WithOptions(opts *SSHOptions) *RemoteVM {
	cp := *v
	cp.core.opts = opts.withDefaults()
	return &cp
}

// Start implements [Runner]. It connects, prepares the run folder on the
// host, resolves the environment there (the configured interpreter for a
// user-managed one, a conda environment built once per content hash in
// ~/.azureml-go/envs for a system-managed one, or the host's docker or
// podman CLI), uploads the snapshot files the host lacks, and starts the
// script detached. Environment values that are paths under job.RunDir
// (the local run folder) are moved to a folder on the host that
// CollectOutputs copies back.
func (v *RemoteVM) Start(ctx context.Context, job *Job) error {
	return v.core.start(ctx, job, v.remoteLaunch)
}

// Status implements [Runner].
func (v *RemoteVM) Status(ctx context.Context, job *Job) (*JobStatus, error) {
	return v.core.status(ctx, job)
}

// Follow implements [Runner]. A dropped connection is re-established
// (backoff from 100 ms to 5 s, for up to SSHOptions.ReconnectFor) and the
// log resumes at the offset reached, with no gap and no duplicate.
func (v *RemoteVM) Follow(ctx context.Context, job *Job, from int64, w io.Writer) (int64, *JobStatus, error) {
	return v.core.follow(ctx, job, from, w)
}

// Cancel implements [Runner]: it stops the script's process group on the
// host (and removes a docker run's container). Canceling a job that has
// already ended is not an error.
func (v *RemoteVM) Cancel(ctx context.Context, job *Job) error {
	return v.core.cancel(ctx, job)
}

// CollectOutputs implements [Runner]: once the job has ended, it downloads
// the run's ./outputs and ./logs into job.RunDir/outputs and
// job.RunDir/logs, the driver log into job.RunDir/azureml-logs, and what
// the script wrote to paths that stood for job.RunDir.
func (v *RemoteVM) CollectOutputs(ctx context.Context, job *Job) error {
	return v.core.collect(ctx, job)
}
