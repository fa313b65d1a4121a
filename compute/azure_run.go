package compute

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/workspace"
)

// AzureRunOptions tunes an [AzureRunner]. A nil *AzureRunOptions means
// the defaults.
type AzureRunOptions struct {
	// StateDir is where the runner remembers, per source folder, the last
	// code upload, so that the next upload copies unchanged files server
	// side instead of sending them. "" means
	// <user cache dir>/azureml-go/azure/<subscription>/<resource group>/<workspace>/uploads.
	StateDir string
	// UploadConcurrency is the number of files uploaded at once; 0 means
	// twice the number of CPUs.
	UploadConcurrency int
	// UploadProgress, when set, is called as files of a job's snapshot
	// reach the workspace's storage, for every job the runner starts, as
	// [Job.UploadProgress] is (which is called too, after it).
	UploadProgress func(UploadProgress)
	// OnUpload, when set, is told once per Start what happened to the
	// snapshot: reused, or uploaded (files and bytes sent, copied, skipped).
	OnUpload func(UploadReport)
	// PollMin and PollMax bound the pause between two reads of the run's
	// log by Follow: it grows from PollMin toward PollMax as the run goes
	// on, as azure-ai-ml does. 0 means 2s and 60s.
	PollMin, PollMax time.Duration
	// Image is the base image of environments that do not name one
	// (docker disabled); "" means [DefaultAzureImage].
	Image string
	// Logger receives debug records of what the runner does; nil discards.
	Logger *slog.Logger
}

// DefaultAzureImage is the base image of a run whose configuration does
// not enable docker with an image of its own.
const DefaultAzureImage = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest"

// UploadReport says what Start did with a job's snapshot.
type UploadReport struct {
	RunID string
	// CodeID is the ARM id of the code version the job runs.
	CodeID string
	// Reused is true when the workspace already had a code version with
	// the snapshot's content hash: nothing was uploaded.
	Reused bool
	// FilesSent, FilesCopied and FilesSkipped count the files sent from
	// this machine, copied server side from the previous upload of the
	// same source folder, and found already uploaded (a resumed upload).
	FilesSent, FilesCopied, FilesSkipped int
	// BytesSent is the file content sent from this machine.
	BytesSent int64
}

// AzureRunner runs jobs on a compute target of an Azure workspace as Azure
// ML command jobs: the snapshot becomes a code version (uploaded once per
// content), the run configuration's environment an environment version,
// and the job runs, is followed, canceled and collected through the ARM
// API and run history. It implements [Runner]; it is safe for concurrent
// use.
//
// A run-based runner (see [NewRunBasedRunner]) creates the temporary
// AmlCompute cluster its run configuration describes when a job starts,
// and deletes it once the job has ended, whichever process sees the end.
type AzureRunner struct {
	ws       *workspace.Workspace
	name     string
	kind     Kind
	runBased bool
	opts     AzureRunOptions

	mu   sync.Mutex
	conn *azureConn
	rh   *arm.RunHistory
}

var _ Runner = (*AzureRunner)(nil)

// RunBasedTargetName is the target name of a run that creates its own
// temporary AmlCompute cluster (runconfig's "amlcompute").
const RunBasedTargetName = runconfig.TargetAmlCompute

// NewAzureRunner returns the runner of target t of the Azure workspace ws:
// an *AmlCompute, or a *RemoteVM or *HDInsight attached to ws. It does no
// I/O. opts may be nil.
func NewAzureRunner(ws *workspace.Workspace, t Target, opts *AzureRunOptions) (*AzureRunner, error) {
	if ws == nil || ws.IsLocal() {
		return nil, &UnsupportedError{What: "Azure jobs on a workspace that is not an Azure workspace",
			Hint: "open an Azure workspace with workspace.FromConfig or workspace.Get"}
	}
	if t == nil {
		return nil, &UnsupportedError{What: "an Azure job without a target", Hint: "pass the compute target to run on"}
	}
	switch t.Kind() {
	case KindAmlCompute, KindVirtualMachine, KindHDInsight:
	default:
		return nil, &UnsupportedError{What: fmt.Sprintf("Azure jobs on a %s target (%s)", t.Kind(), t.Name()),
			Hint: "use an AmlCompute cluster or an attached VirtualMachine or HDInsight"}
	}
	return newAzureRunner(ws, t.Name(), t.Kind(), false, opts), nil
}

// NewRunBasedRunner returns the runner of target "amlcompute" in ws: each
// job creates the cluster its run configuration describes (see
// [RunBasedClusterFor]) and deletes it when it ends, unless the
// configuration retains it. It does no I/O. opts may be nil.
func NewRunBasedRunner(ws *workspace.Workspace, opts *AzureRunOptions) (*AzureRunner, error) {
	if ws == nil || ws.IsLocal() {
		return nil, &UnsupportedError{What: `target "amlcompute" on a workspace that is not an Azure workspace`,
			Hint: "open an Azure workspace, or run on the local target"}
	}
	return newAzureRunner(ws, RunBasedTargetName, KindAmlCompute, true, opts), nil
}

func newAzureRunner(ws *workspace.Workspace, name string, kind Kind, runBased bool, opts *AzureRunOptions) *AzureRunner {
	var o AzureRunOptions
	if opts != nil {
		o = *opts
	}
	if o.PollMin <= 0 {
		o.PollMin = 2 * time.Second
	}
	if o.PollMax <= 0 {
		o.PollMax = 60 * time.Second
	}
	o.PollMax = max(o.PollMax, o.PollMin)
	if o.Image == "" {
		o.Image = DefaultAzureImage
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.StateDir == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			o.StateDir = filepath.Join(dir, "azureml-go", "azure", ws.SubscriptionID(), ws.ResourceGroup(), ws.Name(), "uploads")
		}
	}
	return &AzureRunner{ws: ws, name: name, kind: kind, runBased: runBased, opts: o}
}

// Name returns the target's name ("amlcompute" for a run-based runner).
func (r *AzureRunner) Name() string { return r.name }

// Kind returns the target's kind.
func (r *AzureRunner) Kind() Kind { return r.kind }

// connection returns the runner's ARM connection, made on first use.
func (r *AzureRunner) connection() (*azureConn, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn == nil {
		c, err := connect(r.ws, "run a job")
		if err != nil {
			return nil, err
		}
		r.conn = c
	}
	return r.conn, nil
}

// runHistory returns the workspace's run history, found on first use.
func (r *AzureRunner) runHistory(ctx context.Context) (*azureConn, *arm.RunHistory, error) {
	conn, err := r.connection()
	if err != nil {
		return nil, nil, err
	}
	r.mu.Lock()
	rh := r.rh
	r.mu.Unlock()
	if rh == nil {
		if rh, err = conn.c.NewRunHistory(ctx, conn.id); err != nil {
			return nil, nil, azureError(r.ws, "find run history", r.name, err)
		}
		r.mu.Lock()
		r.rh = rh
		r.mu.Unlock()
	}
	return conn, rh, nil
}
