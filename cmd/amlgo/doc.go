// Command amlgo trains models on compute targets from a shell: a thin face
// over the packages workspace, compute, experiment, runconfig, conda and
// snapshot of github.com/azureml-go/azureml. Install it with
//
//	go install github.com/azureml-go/azureml/cmd/amlgo@latest
//
// # Commands
//
//	amlgo workspace show | write-config
//	amlgo computetarget attach remote | hdinsight | databricks | datalake | batch
//	amlgo computetarget list | show NAME | detach NAME
//	amlgo computetarget create amlcompute | update NAME | delete NAME | list-nodes NAME | list-vm-sizes
//	amlgo run submit-script SCRIPT [-- ARGS]
//	amlgo run list -e EXPERIMENT | show RUN_ID | logs RUN_ID [--follow] | wait RUN_ID | cancel RUN_ID | download-outputs RUN_ID
//	amlgo experiment list
//	amlgo runconfig new NAME | show NAME | validate NAME
//	amlgo conda new FILE | add-pip FILE SPEC... | add-conda FILE SPEC... | show FILE
//	amlgo snapshot ls [DIR] [--explain PATH]
//	amlgo completion bash | zsh | fish
//
// Every command has --help with an example. Flags are GNU-style (--name
// VALUE or --name=VALUE), may come before or after the arguments, and the
// common ones have short forms: -e (--experiment-name), -t (--target),
// -d (--source-directory), -o (--output), -q (--quiet), -v (--verbose).
// Everything after "--" is an argument (the script's, for submit-script).
//
// The workspace is the one config.json names, found as the Python SDK finds
// it (the current folder, .azureml/, aml_config/, then the parents; --config
// names a file or folder); without one it is the local workspace in
// --workspace-dir, else $AZUREML_GO_HOME, else the default local folder.
//
// # Azure workspaces
//
// create amlcompute, update, delete, list-nodes, list-vm-sizes and the
// attaches of databricks and datalake need an Azure workspace (in a local one
// they exit 7); attach remote and hdinsight work in both: in a local
// workspace this machine connects over SSH, in an Azure one the service
// attaches the resource (--resource-id or --address) and the password,
// private key or access token goes into the request body only. attach
// batch records a Batch account in a local workspace; the ARM API has no
// Batch compute type, so in an Azure workspace it exits 7 and sends
// nothing. Long operations wait with progress (the provisioning state and
// the elapsed time, then the node counts) unless --no-wait; Ctrl-C stops
// waiting, not the operation.
//
// Credentials are azidentity's DefaultAzureCredential (az login, the
// AZURE_* variables, a managed identity). These variables change how Azure
// is reached:
//
//	AZUREML_GO_CLOUD         AzurePublic (default), AzureChina or AzureGovernment
//	AZUREML_GO_ARM_ENDPOINT  any Azure Resource Manager endpoint (https), e.g. an emulator; wins over the cloud
//	AZUREML_GO_ARM_AUDIENCE  the token audience of that endpoint (default: the public cloud's)
//	AZUREML_GO_CA_BUNDLE     a PEM file of certificates to trust besides the system's
//	AZUREML_GO_API_VERSION   the api-version of Microsoft.MachineLearningServices requests
//	AZUREML_GO_ACCESS_TOKEN  FOR TESTS ONLY: a fixed bearer token used instead of
//	                         DefaultAzureCredential (it is never refreshed); the
//	                         end-to-end tests use it with the emulator of
//	                         package workspace/workspacetest
//
// # Output
//
// Commands that print data take --output (-o) table (default), json or yaml.
// The yaml form has the keys of the json form, in the same order. The JSON
// forms are stable: keys are only ever added. Times are RFC 3339 in UTC, ""
// when unknown; sizes are bytes.
//
//	workspace show          {"kind", "name", "subscription_id", "resource_group", "location", "local_dir", "config_file"}
//	workspace write-config, runconfig new
//	                        {"path"}
//	computetarget show, attach
//	                        {"name", "kind", "address"?, "ssh_port"?, "username"?,
//	                         "host"?: {"os", "arch", "python", "free_disk_kb"},
//	                         "properties"?: {...}, "capabilities": {"AutoML", "GPU", "HyperparameterTuning", "Pipelines": "Yes"|"No"|"Possible"}}
//	                        Azure targets add "resource_id"?, "location"?, "provisioning_state"?,
//	                        "workspace_url"? (Databricks), and for AmlCompute "vm_size", "vm_priority",
//	                        "scale_settings": {"min_nodes", "max_nodes", "idle_seconds_before_scaledown"},
//	                        "status": {"allocation_state", "current_node_count", "target_node_count",
//	                                   "node_state_counts": {state: n}, "errors": [{"code", "message"}]},
//	                        "description"?, "tags"?
//	computetarget create amlcompute, update
//	                        the cluster, as show prints it
//	computetarget list      [ target, ... ] (local first)
//	computetarget detach    {"name", "detached": true}
//	computetarget delete    {"name", "action": "Delete", "done": false with --no-wait}
//	computetarget list-nodes
//	                        [ {"node_id", "state", "private_ip", "public_ip", "port", "run_id"}, ... ]
//	computetarget list-vm-sizes
//	                        [ {"name", "family", "vcpus", "gpus", "memory_gb", "low_priority_capable",
//	                           "supported_compute_types": []}, ... ]
//	experiment list         [ {"name", "runs", "statuses": {status: n}, "last_run_id", "last_status",
//	                           "last_submitted"}, ... ] (name order)
//	run show, wait, cancel, submit-script
//	                        {"run_id", "experiment", "target", "status", "submitted", "start_time", "end_time",
//	                         "snapshot_id", "script", "arguments": [], "exit_code": int|null, "error",
//	                         "properties": {}, "tags": {}, "log_files": [], "output_files": [],
//	                         "metrics": {name: last value}, "dir"}
//	run submit-script --no-wait
//	                        {"run_id", "experiment", "target", "dir"}
//	run list                [ {"run_id", "status", "submitted"}, ... ] (newest first)
//	run download-outputs    {"run_id", "destination", "files": [paths relative to destination]}
//	runconfig show          {"target", "script", "arguments", "framework", "communicator", "node_count",
//	                         "max_run_duration_seconds", "user_managed_dependencies", "interpreter_path",
//	                         "conda_dependencies_file", "docker_enabled", "base_image", "environment_variables"}
//	runconfig validate      {"valid", "problems": [{"field", "value", "reason"}]}
//	conda new, add-pip, add-conda, show
//	                        {"path", "name", "python_version", "channels", "conda_packages", "pip_packages", "pip_options", "hash"}
//	snapshot ls             {"dir", "snapshot_id", "total_files", "total_bytes",
//	                         "largest": [file], "files": [{"path", "kind", "mode", "size", "target"?}]}
//	snapshot ls --explain   {"path", "included", "decided_by", "ignore_file"?, "line"?, "pattern"?, "rule"?}
//
// (? marks keys left out when empty.)
//
// # Progress, logs and Ctrl-C
//
// submit-script and wait stream the run's log as it is written, like the
// SDK's wait_for_completion(show_output=True): to stdout with table output,
// to stderr with json or yaml (stdout then holds only the result). Attaches,
// and waits with --no-logs, show the state and the elapsed time: rewritten in
// place on a terminal, plain lines when the output is a pipe or a file.
// submit-script shows the upload of the snapshot to a target that takes one
// (Azure jobs, remote VMs and HDInsight over SSH) where it shows the log:
// files and bytes in place on the target out of the totals, and the rate at
// which this machine sends; on a terminal one line rewritten in place,
// otherwise a plain line at most every second; then a final line with what
// was sent and how long it took:
//
//	uploading snapshot: 12/40 files, 3.1 MiB/9.0 MiB, 2.5 MiB/s
//	uploading snapshot: done, 40 files, 9.0 MiB (9.0 MiB sent) in 3.6s, 2.5 MiB/s
//
// Nothing is shown when the target already holds every file (an unchanged
// source folder). --quiet shows none of this. Ctrl-C while following a run
// stops following, never the run, and prints how to re-attach (amlgo run
// wait RUN_ID).
//
// # Errors and exit codes
//
// An error is one line on stderr, "amlgo: ERROR; hint: WHAT TO DO"
// (--verbose prints the whole text of a multi-line error and traces SSH
// connections and Azure HTTP requests on stderr, secrets redacted).
//
//	0    success; the run Completed
//	1    any other error (invalid input reported by the library, I/O...)
//	2    bad usage: unknown command or flag, wrong arguments, a bad flag value
//	     (a provisioning or attach setting the compute package refuses before
//	     any request included), a bad AZUREML_GO_* variable
//	3    not found: run, compute target, workspace, file
//	4    authentication: a target's password is missing, the host refused the
//	     connection or its credentials, the credential failed or Azure refused it
//	5    the run Failed
//	6    the run was Canceled
//	7    not supported: an Azure-only command in a local workspace, Batch in
//	     an Azure workspace, update or list-nodes of a target that is not AmlCompute
//	130  interrupted: Ctrl-C stopped following a run or waiting for an Azure
//	     operation, which goes on
package main
