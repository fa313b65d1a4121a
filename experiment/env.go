package experiment

import (
	"path/filepath"

	"github.com/azureml-go/azureml/compute"
)

// The environment variables a run's script receives.
const (
	// EnvRunID holds the run id.
	EnvRunID = "AZUREML_RUN_ID"
	// EnvExperimentName holds the experiment's name.
	EnvExperimentName = "AZUREML_EXPERIMENT_NAME"
	// EnvProjectName also holds the experiment's name, under the variable
	// the Python SDK's runs set.
	EnvProjectName = "AZUREML_ARM_PROJECT_NAME"
	// EnvOutputsDir is the folder whose files are kept as the run's outputs.
	EnvOutputsDir = "AZUREML_OUTPUTS_DIR"
	// EnvMetricsFile is the file the script appends metrics to.
	EnvMetricsFile = "AZUREML_METRICS_FILE"
)

// The run folder's parts, slash-separated and relative to the run folder.
const (
	// OutputsDir holds the run's outputs: the files the script wrote in
	// its working folder's outputs/ (AZUREML_OUTPUTS_DIR is "outputs",
	// relative to the working folder, on every target), collected at the end.
	OutputsDir = "outputs"
	// MetricsFile is the metrics file (JSON lines) of a run on the local
	// machine, which the script appends to in place.
	MetricsFile = "metrics.jsonl"
	// CollectedMetricsFile is the metrics file of a run on another target:
	// the script writes logs/metrics.jsonl in its working folder, and it is
	// collected with the logs.
	CollectedMetricsFile = "logs/metrics.jsonl"
)

// scriptEnv is the environment the script gets from the experiment. The
// metrics file is absolute on the local machine (inside the run folder)
// and relative to the working folder elsewhere.
func (r *Run) scriptEnv(t compute.Target) map[string]string {
	metrics := CollectedMetricsFile
	if t.Kind() == compute.KindLocal {
		metrics = filepath.Join(r.h.runDir(r.id), MetricsFile)
	}
	return map[string]string{
		EnvRunID: r.id, EnvExperimentName: r.exp, EnvProjectName: r.exp,
		EnvOutputsDir: OutputsDir, EnvMetricsFile: metrics,
	}
}

// LogName is the name under which WaitForCompletion announces the log it
// streams (the driver log: the script's standard output and error).
const LogName = "azureml-logs/70_driver_log.txt"
