package runconfig

import (
	"maps"
	"reflect"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/azureml-go/azureml/conda"
)

// TargetLocal is the name of the local machine as a compute target, the
// default target of a run configuration.
const TargetLocal = "local"

// TargetAmlCompute is the special target name that asks for a cluster to be
// created for the run and deleted after it (run-based creation, configured
// by [AmlComputeConfiguration]).
const TargetAmlCompute = "amlcompute"

// RunConfiguration is everything a compute target needs to run a script,
// except the files: the Python SDK's RunConfiguration.
//
// The fields mirror the SDK's attributes; their doc comments give the key
// in the .runconfig file. Build one with [New] to get the SDK's defaults,
// or read one with [Load], [LoadFile] or [Parse]. A RunConfiguration read
// from a file remembers the keys this package does not model (newer SDK
// sections such as docker or pytorch, or keys of your own) and writes them
// back on [RunConfiguration.Save], so nothing is lost in a round trip.
//
// A RunConfiguration is a plain value: it is not safe for concurrent
// mutation, and [RunConfiguration.Clone] gives an independent copy.
type RunConfiguration struct {
	// Script is the script to run, relative to the source directory
	// (script).
	Script string
	// Arguments are the command-line arguments of the script (arguments).
	Arguments []string
	// Target is the name of the compute target (target); default "local".
	Target string
	// Framework is the framework to run inside (framework); default Python.
	Framework Framework
	// Communicator is the communicator of a distributed run
	// (communicator); default None.
	Communicator Communicator
	// MaxRunDurationSeconds is the time after which the run is cancelled
	// (maxRunDurationSeconds); 0 means no limit and is written as null.
	MaxRunDurationSeconds int
	// NodeCount is the number of nodes to run on (nodeCount); default 1.
	NodeCount int
	// Environment is the Python, Docker and Spark environment of the run
	// (environment).
	Environment Environment
	// History says what run history records (history).
	History History
	// Spark is the Spark configuration (spark).
	Spark SparkConfiguration
	// HDI is the HDInsight configuration (hdi).
	HDI HDIConfiguration
	// TensorFlow is the distributed TensorFlow configuration (tensorflow).
	TensorFlow TensorFlowConfiguration
	// MPI is the MPI configuration (mpi).
	MPI MPIConfiguration
	// DataReferences maps a name to a datastore made available to the run
	// (dataReferences).
	DataReferences map[string]DataReference
	// SourceDirectoryDataStore is the datastore backing the project share
	// (sourceDirectoryDataStore).
	SourceDirectoryDataStore string
	// AmlCompute configures the cluster created when Target is
	// "amlcompute" (amlcompute).
	AmlCompute AmlComputeConfiguration

	doc     *yaml.Node // the document read, for keys not modelled; never mutated
	baseDir string     // the project directory it was loaded from, if any
}

// History says what run history records for a run.
type History struct {
	// OutputCollection collects status, logs, metrics and outputs
	// (outputCollection); default true.
	OutputCollection bool
	// SnapshotProject takes a snapshot of the source directory
	// (snapshotProject); default true.
	SnapshotProject bool
	// DirectoriesToWatch are streamed while the run executes
	// (directoriesToWatch); default ["logs"].
	DirectoriesToWatch []string
}

// SparkConfiguration is the Spark configuration of a PySpark run.
type SparkConfiguration struct {
	// Configuration holds Spark properties (configuration); default
	// spark.app.name "Azure ML Experiment" and spark.yarn.maxAppAttempts 1.
	Configuration map[string]string
}

// HDIConfiguration is the configuration of runs on HDInsight.
type HDIConfiguration struct {
	// YarnDeployMode is cluster or client (yarnDeployMode); default cluster.
	YarnDeployMode YarnDeployMode
}

// TensorFlowConfiguration configures distributed TensorFlow with a
// parameter server.
type TensorFlowConfiguration struct {
	// WorkerCount is the number of worker tasks (workerCount); default 1.
	WorkerCount int
	// ParameterServerCount is the number of parameter server tasks
	// (parameterServerCount); default 1.
	ParameterServerCount int
}

// MPIConfiguration configures MPI runs.
type MPIConfiguration struct {
	// ProcessCountPerNode is the number of processes per node
	// (processCountPerNode); default 1.
	ProcessCountPerNode int
}

// AmlComputeConfiguration describes the cluster created for a run whose
// target is "amlcompute".
type AmlComputeConfiguration struct {
	// VMSize is the Azure VM size (vmSize), required for run-based creation.
	VMSize string
	// VMPriority is dedicated or lowpriority (vmPriority).
	VMPriority VMPriority
	// RetainCluster keeps the cluster after the run (retainCluster).
	RetainCluster bool
	// Name is the cluster name (name); empty means the run id.
	Name string
	// ClusterMaxNodeCount is the maximum node count of the cluster
	// (clusterMaxNodeCount); 0 means unset and is written as null.
	ClusterMaxNodeCount int
}

// DataReference is a datastore path made available to a run.
type DataReference struct {
	// DataStoreName names the datastore (dataStoreName).
	DataStoreName string
	// PathOnDataStore is the path inside the datastore (pathOnDataStore).
	PathOnDataStore string
	// Mode is mount, download or upload (mode); default mount.
	Mode DataReferenceMode
	// Overwrite overwrites existing data (overwrite).
	Overwrite bool
	// PathOnCompute is the path on the compute target (pathOnCompute).
	PathOnCompute string
}

// New returns a RunConfiguration with the Python SDK's defaults: target
// "local", framework Python, communicator None, one node, a system-managed
// Python environment, Docker disabled, history on.
//
// Environment.Python.Conda is the SDK's default conda environment
// (conda.SDKDefaults), which [RunConfiguration.Save] writes out.
func New() *RunConfiguration {
	rc := &RunConfiguration{
		Arguments:    []string{},
		Target:       TargetLocal,
		Framework:    FrameworkPython,
		Communicator: CommunicatorNone,
		NodeCount:    1,
		Environment:  defaultEnvironment(),
		History: History{
			OutputCollection:   true,
			SnapshotProject:    true,
			DirectoriesToWatch: []string{"logs"},
		},
		Spark: SparkConfiguration{Configuration: map[string]string{
			"spark.app.name":            "Azure ML Experiment",
			"spark.yarn.maxAppAttempts": "1",
		}},
		HDI:            HDIConfiguration{YarnDeployMode: YarnDeployModeCluster},
		TensorFlow:     TensorFlowConfiguration{WorkerCount: 1, ParameterServerCount: 1},
		MPI:            MPIConfiguration{ProcessCountPerNode: 1},
		DataReferences: map[string]DataReference{},
	}
	rc.Environment.Python.Conda = conda.SDKDefaults()
	return rc
}

// Clone returns a deep copy of rc, including the keys it does not model and
// a clone of its conda dependencies.
func (rc *RunConfiguration) Clone() *RunConfiguration {
	c := *rc
	c.Arguments = slices.Clone(rc.Arguments)
	c.Environment = rc.Environment.clone()
	c.History.DirectoriesToWatch = slices.Clone(rc.History.DirectoriesToWatch)
	c.Spark.Configuration = maps.Clone(rc.Spark.Configuration)
	c.DataReferences = maps.Clone(rc.DataReferences)
	return &c
}

// Equal reports whether rc and o hold the same settings. Nil and empty
// lists or maps are equal, conda dependencies are compared with
// conda's Equal, and the formatting, comments and unmodelled keys of the
// files they were read from are ignored.
func (rc *RunConfiguration) Equal(o *RunConfiguration) bool {
	if rc == nil || o == nil {
		return rc == o
	}
	a, b := rc.normalized(), o.normalized()
	ca, cb := a.Environment.Python.Conda, b.Environment.Python.Conda
	if (ca == nil) != (cb == nil) || (ca != nil && !ca.Equal(cb)) {
		return false
	}
	a.Environment.Python.Conda, b.Environment.Python.Conda = nil, nil
	return reflect.DeepEqual(a, b)
}

// normalized returns a shallow-enough copy with nil lists and maps made
// empty and the file bookkeeping dropped, for comparison.
func (rc *RunConfiguration) normalized() *RunConfiguration {
	c := rc.Clone()
	c.doc, c.baseDir = nil, ""
	c.Arguments = orEmpty(c.Arguments)
	c.History.DirectoriesToWatch = orEmpty(c.History.DirectoriesToWatch)
	c.Spark.Configuration = mapOrEmpty(c.Spark.Configuration)
	c.DataReferences = mapOrEmpty(c.DataReferences)
	e := &c.Environment
	e.EnvironmentVariables = mapOrEmpty(e.EnvironmentVariables)
	e.Docker.Arguments = orEmpty(e.Docker.Arguments)
	e.Spark.Repositories = orEmpty(e.Spark.Repositories)
	e.Spark.Packages = orEmpty(e.Spark.Packages)
	return c
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func mapOrEmpty[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return map[K]V{}
	}
	return m
}
