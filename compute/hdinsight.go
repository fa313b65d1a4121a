package compute

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/azureml-go/azureml/internal/sshx"
	"github.com/azureml-go/azureml/runconfig"
)

// HDInsight is an HDInsight Spark cluster attached over SSH to its head
// node (kind HDInsight): the Python SDK's HDInsightCompute. It runs jobs
// whose framework is PySpark with spark-submit on the head node, in the
// same detached run folders as [RemoteVM] (~/.azureml-go/runs/<run id>/),
// so status, logs, cancel and outputs work the same way and survive the
// client.
//
// The spark-submit command line is built from the run configuration:
// --master yarn, --deploy-mode from hdi.yarnDeployMode (default cluster),
// --packages and --repositories from environment.spark, --conf k=v from
// spark.configuration (sorted by key), then the script and its arguments.
// A user-managed interpreter_path other than "python" becomes
// PYSPARK_PYTHON.
//
// Verified against OpenSSH with a spark-submit stand-in that records its
// arguments and runs the entry script with python3; a real HDInsight
// cluster was not reachable where this was written.
//
// An HDInsight value holds no open connection and is safe for concurrent use.
type HDInsight struct {
	core sshCore
}

var _ Runner = (*HDInsight)(nil)

// newHDInsight returns the HDInsight target of a registration.
func newHDInsight(name string, h hostRecord) *HDInsight {
	return &HDInsight{core: sshCore{name: name, kind: KindHDInsight, host: h,
		opts: (*SSHOptions)(nil).withDefaults(), dial: dialSSH, keys: &sshx.KeyCache{}}}
}

// Name implements [Target].
func (h *HDInsight) Name() string { return h.core.name }

// Kind implements [Target]: [KindHDInsight].
func (h *HDInsight) Kind() Kind { return KindHDInsight }

// Address returns the head node's SSH address and port.
func (h *HDInsight) Address() (host string, port int) { return h.core.host.Address, h.core.host.Port }

// WithCredentials returns a copy of h that authenticates with c. It does
// no I/O; h is unchanged.
func (h *HDInsight) WithCredentials(c Credentials) *HDInsight {
	cp := *h
	cp.core.creds = c
	return &cp
}

// WithOptions returns a copy of h that connects with opts (nil: the
// defaults). It does no I/O; h is unchanged.
func (h *HDInsight) WithOptions(opts *SSHOptions) *HDInsight {
	cp := *h
	cp.core.opts = opts.withDefaults()
	return &cp
}

// Start implements [Runner]. A job whose framework is not PySpark, or
// that enables docker, is a *[FrameworkError] returned before anything
// is done on the cluster.
func (h *HDInsight) Start(ctx context.Context, job *Job) error {
	if err := checkRemoteJob(job, true); err != nil {
		return err
	}
	if err := checkSparkJob(h.core.name, job.Config); err != nil {
		return err
	}
	return h.core.start(ctx, job, sparkLaunch)
}

// Status implements [Runner].
func (h *HDInsight) Status(ctx context.Context, job *Job) (*JobStatus, error) {
	return h.core.status(ctx, job)
}

// Follow implements [Runner], reconnecting as [RemoteVM.Follow] does.
func (h *HDInsight) Follow(ctx context.Context, job *Job, from int64, w io.Writer) (int64, *JobStatus, error) {
	return h.core.follow(ctx, job, from, w)
}

// Cancel implements [Runner]: it stops spark-submit's process group on
// the head node. (In cluster deploy mode YARN may keep the application a
// little longer; `yarn application -kill` is not issued.)
func (h *HDInsight) Cancel(ctx context.Context, job *Job) error {
	return h.core.cancel(ctx, job)
}

// CollectOutputs implements [Runner], as [RemoteVM.CollectOutputs] does,
// from the head node's run folder.
func (h *HDInsight) CollectOutputs(ctx context.Context, job *Job) error {
	return h.core.collect(ctx, job)
}

// checkSparkJob rejects what HDInsight cannot run.
func checkSparkJob(target string, rc *runconfig.RunConfiguration) error {
	switch {
	case rc.Framework != runconfig.FrameworkPySpark:
		return &FrameworkError{Target: target, Kind: KindHDInsight, Framework: string(rc.Framework),
			Supported: []string{string(runconfig.FrameworkPySpark)}}
	case rc.Environment.Docker.Enabled:
		return &FrameworkError{Target: target, Kind: KindHDInsight, Framework: "docker",
			Supported: []string{string(runconfig.FrameworkPySpark) + " without docker"}}
	}
	return nil
}

// FrameworkError reports a run configuration whose framework (or
// container setting) a target cannot run.
type FrameworkError struct {
	Target    string
	Kind      Kind
	Framework string
	Supported []string
}

// Error implements error.
func (e *FrameworkError) Error() string {
	return fmt.Sprintf("compute: target %q (%s) cannot run framework %q: supported: %s (set framework: PySpark)",
		e.Target, e.Kind, e.Framework, strings.Join(slices.Clone(e.Supported), ", "))
}
