// Package experiment submits training runs to compute targets and follows
// them: the Experiment and Run of the Azure ML Python SDK.
//
// An [Experiment] is a named group of runs in a workspace. [Experiment.Submit]
// validates a runconfig.ScriptRunConfig (configuration, source folder,
// script, target) before touching anything, takes a snapshot of the source
// folder, records the run in the workspace and hands it to its compute
// target. The returned [Run] reports its status and details, streams its log
// ([Run.WaitForCompletion]), cancels it ([Run.Cancel]) and reads its metrics
// ([Run.Metrics]). Any process can re-attach to a recorded run by id with
// [GetRun]: runs on the local machine outlive the process that submitted
// them, and whichever process looks at a run after it ended records its
// final status and outputs.
//
// [Run.Poller] gives the same run as an azcore *runtime.Poller (Poll,
// Done, Result, PollUntilDone, ResumeToken), the type of every long
// operation of the SDK, for callers who drive their own waits;
// [ResumePoller] continues one from its resume token in another process.
//
// # Run ids and statuses
//
// Run ids follow the SDK: <experiment>_<unix seconds>_<8 hex>, for example
// train_1559718832_e006a7ea. Statuses are the SDK's RunStatus values
// ([StatusValues]); a run goes NotStarted, Preparing, Running (Queued and
// Finalizing where the target reports them) and ends Completed, Failed or
// Canceled.
//
// # What the script sees
//
// Besides the run configuration's environment variables, the script gets
// AZUREML_RUN_ID, AZUREML_EXPERIMENT_NAME (and the SDK's
// AZUREML_ARM_PROJECT_NAME), AZUREML_OUTPUTS_DIR ("outputs", relative to the
// script's working folder, as in the SDK; files written there are
// the run's outputs) and AZUREML_METRICS_FILE.
//
// # Metrics
//
// A script reports metrics by appending JSON lines to the file named by
// AZUREML_METRICS_FILE, one object per value: "name" (a non-empty string),
// "value" (a number), and optionally "step" (an integer) and "time" (unix
// seconds). It needs no library and works on every target:
//
//	import json, os, time
//	with open(os.environ["AZUREML_METRICS_FILE"], "a") as f:
//	    f.write(json.dumps({"name": "accuracy", "value": 0.97, "step": 3, "time": time.time()}) + "\n")
//
// [Run.Metrics] reads them back, by name, in the order written.
//
// # Crashes
//
// A run and everything recorded about it (record, log, outputs, metrics)
// survive the death of the process that submitted it or of any process
// that follows it, SIGKILL included: every record write is atomic, and the
// next process that looks at the run records its end. A crash of the
// machine itself (power loss, kernel panic) ends the runs that were going
// on, and their records may come back stale or unreadable; a final status
// that was reported (by WaitForCompletion, Status or Details) is on the
// disk before it is reported, and survives.
//
// # Git
//
// When the source folder is in a git work tree, the run's properties hold
// azureml.git.repository_uri, azureml.git.branch, azureml.git.commit and
// azureml.git.dirty ("True"/"False"), with their mlflow.source.git.*
// twins; AZUREML_GIT_* environment variables override them. A dirty tree's
// `git diff HEAD` (at most 1 MiB) is kept with the run ([Run.GitDiff]).
// Git being absent never fails a submission.//
// # Azure workspaces
//
// In an Azure workspace the same ScriptRunConfig runs as an Azure ML command
// job (see compute.AzureRunner) on the named AmlCompute cluster or attached VM,
// or on a temporary cluster when the target is "amlcompute" (created from the
// configuration's amlcompute settings and deleted when the run ends). The run id
// is the job's name; Run.Status and Run.Details read the job, which is the
// source of truth; WaitForCompletion streams the job's user log from run history;
// Run.Cancel cancels the job; the outputs and logs are downloaded into Run.Dir
// when the run ends; Details.PortalURL and Run.PortalURL give its studio page.
// The run's local record (the run index, records, downloaded outputs and logs,
// and the last code upload of each source folder, which lets the next upload copy
// unchanged files server side) lives in
// <user cache dir>/azureml-go/azure/<subscription>/<resource group>/<workspace>,
// or under $AZUREML_GO_AZURE_CACHE; deleting it loses only those local copies.
package experiment
