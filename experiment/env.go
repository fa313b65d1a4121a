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

// The run folder's parts, slash-separated and relative to the run folder
// (and to the script's working folder on targets that run it there).
const (
	// OutputsDir holds the files the script writes as outputs.
	OutputsDir = "outputs"
	// MetricsFile is the metrics file (JSON lines).
	MetricsFile = "logs/metrics.jsonl"
)

// scriptEnv is the environment the script gets from the experiment. On
// the local machine the paths are absolute, inside the run folder; on
// other targets they are relative to the script's working folder (the
// root of the run folder there), and collected back at the end.
func (r *Run) scriptEnv(t compute.Target) map[string]string {
	outputs, metrics := OutputsDir, MetricsFile
	if t.Kind() == compute.KindLocal {
		dir := r.h.runDir(r.id)
		outputs = filepath.Join(dir, OutputsDir)
		metrics = filepath.Join(dir, filepath.FromSlash(MetricsFile))
	}
	return map[string]string{
		EnvRunID: r.id, EnvExperimentName: r.exp, EnvProjectName: r.exp,
		EnvOutputsDir: outputs, EnvMetricsFile: metrics,
	}
}

// LogName is the name under which WaitForCompletion announces the log it
// streams (the driver log: the script's standard output and error).
const LogName = "azureml-logs/70_driver_log.txt"
