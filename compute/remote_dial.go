package compute

import (
	"context"
	"errors"

	"github.com/azureml-go/azureml/internal/remotesync"
	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/internal/sshx"
)

// sshxConn is a remoteConn over an sshx client: commands over SSH
// sessions, files over SFTP.
type sshxConn struct{ c *sshx.Client }

// Run implements runfolder.Shell.
func (s sshxConn) Run(ctx context.Context, cmdline string) ([]byte, error) {
	return s.c.Run(ctx, cmdline)
}

// FS returns the host's files over SFTP.
func (s sshxConn) FS() runfolder.FS { return s.c.FS() }

// Close closes the connection.
func (s sshxConn) Close() error { return s.c.Close() }

// syncSnapshot uploads the snapshot with remotesync: the hashes the host
// lacks are found in one command, missing contents are sent over parallel
// SFTP writes, and the folder is filled by one script on the host. The
// job's UploadProgress hears of each content sent or found there, per
// file of the snapshot.
func (s sshxConn) syncSnapshot(ctx context.Context, job *Job, objects, wd string) (*SyncStats, error) {
	var opts *remotesync.Options
	meter := newUploadMeter(job.UploadProgress).byContent(job.Snapshot)
	if meter != nil {
		opts = &remotesync.Options{Progress: meter.sent, Present: meter.present}
	}
	st, err := remotesync.Sync(ctx, s.c, job.Snapshot, job.SourceDir, objects, wd, opts)
	if err != nil {
		return nil, err
	}
	meter.finish(st.BytesSent)
	return &SyncStats{Files: st.Files + st.Symlinks, Uploaded: st.FilesSent, UploadedBytes: st.BytesSent}, nil
}

// dialSSH connects over SSH with p.
func dialSSH(ctx context.Context, p *sshParams) (remoteConn, error) {
	c, err := sshx.Dial(ctx, sshx.Config{
		Address: p.host.Address, Port: p.host.Port, User: p.host.Username,
		Password: p.password, KeyFile: p.host.KeyFile, Passphrase: p.passphrase, Keys: p.keys, UseAgent: p.host.UseAgent,
		AgentSocket:    agentSocket(p),
		KnownHostsFile: p.host.KnownHosts, AcceptUnknownHost: p.accept,
		Timeout: p.opts.ConnectTimeout, Logger: p.opts.Logger,
	})
	if err != nil {
		return nil, err
	}
	return sshxConn{c}, nil
}

// agentSocket is the agent socket of p's options when the host uses the
// agent ("" otherwise, or for the process's SSH_AUTH_SOCK).
func agentSocket(p *sshParams) string {
	if !p.host.UseAgent {
		return ""
	}
	return p.opts.AgentSocket
}

// permanentSSH reports SSH failures that a reconnection cannot cure: a
// refused credential or an untrusted host key.
func permanentSSH(err error) bool {
	var ce *sshx.ConfigError
	return errors.Is(err, sshx.ErrAuth) || errors.Is(err, sshx.ErrUntrustedHost) || errors.As(err, &ce)
}
