package runconfig

import "strings"

// Framework is the framework a run executes inside ("framework" in the
// .runconfig file). The SDK stores the string as given, so a loaded value
// may differ in case from these constants ("pyspark"); validation compares
// without regard to case.
type Framework string

// The frameworks of the Python SDK.
const (
	FrameworkPython     Framework = "Python"
	FrameworkPySpark    Framework = "PySpark"
	FrameworkCNTK       Framework = "CNTK"
	FrameworkTensorFlow Framework = "TensorFlow"
	FrameworkPyTorch    Framework = "PyTorch"
)

// FrameworkValues returns the known frameworks.
func FrameworkValues() []Framework {
	return []Framework{FrameworkPython, FrameworkPySpark, FrameworkCNTK, FrameworkTensorFlow, FrameworkPyTorch}
}

// Communicator is how the processes of a distributed run talk to each other
// ("communicator" in the .runconfig file). Note that CommunicatorNone is the
// string "None", as the SDK writes it, not the empty string.
type Communicator string

// The communicators of the Python SDK.
const (
	CommunicatorNone            Communicator = "None"
	CommunicatorParameterServer Communicator = "ParameterServer"
	CommunicatorOpenMpi         Communicator = "OpenMpi"
	CommunicatorIntelMpi        Communicator = "IntelMpi"
	CommunicatorGloo            Communicator = "Gloo"
	CommunicatorNccl            Communicator = "Nccl"
)

// CommunicatorValues returns the known communicators.
func CommunicatorValues() []Communicator {
	return []Communicator{CommunicatorNone, CommunicatorParameterServer, CommunicatorOpenMpi,
		CommunicatorIntelMpi, CommunicatorGloo, CommunicatorNccl}
}

// VMPriority is the priority of the VMs of a cluster created for a run
// (amlcompute.vmPriority). Empty means the service default (dedicated).
type VMPriority string

// The VM priorities the SDK accepts.
const (
	VMPriorityDedicated   VMPriority = "dedicated"
	VMPriorityLowPriority VMPriority = "lowpriority"
)

// VMPriorityValues returns the known VM priorities.
func VMPriorityValues() []VMPriority {
	return []VMPriority{VMPriorityDedicated, VMPriorityLowPriority}
}

// YarnDeployMode is where the Spark driver runs on HDInsight
// (hdi.yarnDeployMode).
type YarnDeployMode string

// The YARN deploy modes.
const (
	YarnDeployModeCluster YarnDeployMode = "cluster"
	YarnDeployModeClient  YarnDeployMode = "client"
)

// YarnDeployModeValues returns the known YARN deploy modes.
func YarnDeployModeValues() []YarnDeployMode {
	return []YarnDeployMode{YarnDeployModeCluster, YarnDeployModeClient}
}

// DataReferenceMode is how a data reference is made available to a run.
type DataReferenceMode string

// The data reference modes of the Python SDK.
const (
	DataReferenceModeMount    DataReferenceMode = "mount"
	DataReferenceModeDownload DataReferenceMode = "download"
	DataReferenceModeUpload   DataReferenceMode = "upload"
)

// DataReferenceModeValues returns the known data reference modes.
func DataReferenceModeValues() []DataReferenceMode {
	return []DataReferenceMode{DataReferenceModeMount, DataReferenceModeDownload, DataReferenceModeUpload}
}

// oneOf reports whether v equals one of values, ignoring case.
func oneOf[T ~string](v T, values []T) bool {
	for _, x := range values {
		if strings.EqualFold(string(v), string(x)) {
			return true
		}
	}
	return false
}
