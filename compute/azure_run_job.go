package compute

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"strconv"
	"strings"

	"github.com/azureml-go/azureml/conda"
	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/runconfig"
)

// AnonymousEnvironmentName is the environment asset whose versions, named
// by content hash, hold the environments of submitted runs (the name
// azure-ai-ml gives its anonymous environments).
const AnonymousEnvironmentName = "CliV2AnonymousEnvironment"

// environmentFor returns the environment version rc asks for and its
// name: the base image (docker's when enabled, else the runner's image)
// and, unless the dependencies are user-managed, the conda file text. The
// version is a hash of both, so an unchanged environment is reused.
func (r *AzureRunner) environmentFor(rc *runconfig.RunConfiguration) (*arm.EnvironmentVersion, string, error) {
	env := rc.Environment
	image := r.opts.Image
	if env.Docker.Enabled && env.Docker.BaseImage != "" {
		image = env.Docker.BaseImage
	}
	p := &arm.EnvironmentVersionProperties{Image: image, OSType: "Linux", IsAnonymous: true}
	h := sha256.New()
	h.Write([]byte("image=" + image + "\n"))
	if !env.Python.UserManagedDependencies {
		deps := env.Python.Conda
		if deps == nil {
			deps = conda.SDKDefaults()
		}
		text, err := deps.Marshal()
		if err != nil {
			return nil, "", &UnsupportedError{What: "conda dependencies that cannot be written: " + err.Error(), Hint: "check environment.python"}
		}
		p.CondaFile = string(text)
		h.Write([]byte("conda=" + deps.Hash() + "\n"))
	}
	return &arm.EnvironmentVersion{Properties: p}, hex.EncodeToString(h.Sum(nil))[:32], nil
}

// ensureEnvironment returns the ARM id of rc's environment version,
// creating it only when the workspace does not have it yet.
func (r *AzureRunner) ensureEnvironment(ctx context.Context, conn *azureConn, rc *runconfig.RunConfiguration) (string, error) {
	body, version, err := r.environmentFor(rc)
	if err != nil {
		return "", err
	}
	got, err := conn.c.GetEnvironmentVersion(ctx, conn.id, AnonymousEnvironmentName, version)
	if err == nil {
		return got.ID, nil
	}
	if !arm.IsNotFound(err) {
		return "", azureError(r.ws, "read the environment", AnonymousEnvironmentName+":"+version, err)
	}
	created, err := conn.c.CreateOrUpdateEnvironmentVersion(ctx, conn.id, AnonymousEnvironmentName, version, body)
	if err != nil {
		return "", azureError(r.ws, "create the environment", AnonymousEnvironmentName+":"+version, err)
	}
	return created.ID, nil
}

// commandFor is the job's command line: it makes the outputs and logs
// folders the script may write to (AZUREML_OUTPUTS_DIR, the metrics file),
// then runs the interpreter on the script with its arguments, each quoted
// for sh so that spaces and shell characters reach the script as they are.
func commandFor(job *Job) string {
	interp := "python"
	if rc := job.Config; rc != nil && rc.Environment.Python.UserManagedDependencies && rc.Environment.Python.InterpreterPath != "" {
		interp = rc.Environment.Python.InterpreterPath
	}
	parts := []string{"exec", shellQuote(interp), shellQuote(job.Script)}
	for _, a := range job.Arguments {
		parts = append(parts, shellQuote(a))
	}
	return "mkdir -p outputs logs && " + strings.Join(parts, " ")
}

// shellQuote quotes s for a POSIX shell: plain words stay as they are,
// anything else goes in single quotes. "${{" is never left for the
// service to substitute.
func shellQuote(s string) string {
	plain := s != ""
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./=:,+@%", c)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	q := "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	return strings.ReplaceAll(q, "${{", `$'"{"'{`)
}

// jobBody builds the command job of job on the compute computeID.
func jobBody(job *Job, codeID, envID, computeID string, meta *JobMetadata) *arm.Job {
	rc := job.Config
	if rc == nil {
		rc = runconfig.New()
	}
	vars := maps.Clone(rc.Environment.EnvironmentVariables)
	if vars == nil {
		vars = map[string]string{}
	}
	maps.Copy(vars, job.Env)
	p := &arm.JobProperties{
		JobType: arm.JobTypeCommand, ExperimentName: job.Experiment, DisplayName: job.RunID,
		Command: commandFor(job), CodeID: codeID, EnvironmentID: envID, ComputeID: computeID,
		EnvironmentVariables: vars, Distribution: distributionFor(rc),
		Resources: &arm.JobResourceConfiguration{InstanceCount: int32(max(rc.NodeCount, 1))},
	}
	if rc.MaxRunDurationSeconds > 0 {
		p.Limits = &arm.CommandJobLimits{JobLimitsType: "Command", Timeout: "PT" + strconv.Itoa(rc.MaxRunDurationSeconds) + "S"}
	}
	if meta != nil {
		p.Tags, p.Properties = maps.Clone(meta.Tags), maps.Clone(meta.Properties)
		if meta.DisplayName != "" {
			p.DisplayName = meta.DisplayName
		}
	}
	return &arm.Job{Properties: p}
}

// distributionFor maps the communicator onto a job distribution: MPI
// flavours to Mpi, the parameter server to TensorFlow, Gloo and NCCL to
// PyTorch; None to no distribution.
func distributionFor(rc *runconfig.RunConfiguration) *arm.Distribution {
	perNode := int32(max(rc.MPI.ProcessCountPerNode, 1))
	switch rc.Communicator {
	case runconfig.CommunicatorOpenMpi, runconfig.CommunicatorIntelMpi:
		return &arm.Distribution{DistributionType: arm.DistributionMpi, ProcessCountPerInstance: perNode}
	case runconfig.CommunicatorGloo, runconfig.CommunicatorNccl:
		return &arm.Distribution{DistributionType: arm.DistributionPyTorch, ProcessCountPerInstance: perNode}
	case runconfig.CommunicatorParameterServer:
		return &arm.Distribution{DistributionType: arm.DistributionTensorFlow,
			WorkerCount: int32(max(rc.TensorFlow.WorkerCount, 1)), ParameterServerCount: int32(max(rc.TensorFlow.ParameterServerCount, 0))}
	}
	return nil
}

// JobMetadata is what a job carries besides what to run: the run's tags
// and properties (git properties included) and its display name.
type JobMetadata struct {
	DisplayName string
	Tags        map[string]string
	Properties  map[string]string
}
