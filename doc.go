// Package azureml is the root of azureml-go, a Go SDK for training models on
// compute targets, following the object model of Azure Machine Learning.
//
// You write a training run once — a source folder, a script, its arguments
// and its environment — and run it unchanged on the local machine, on a
// remote VM over SSH, on an Azure Machine Learning managed cluster
// (AmlCompute), on HDInsight Spark, or on an Azure Batch pool.
//
// This package holds no code: it documents the packages you import.
//
//   - [github.com/azureml-go/azureml/workspace]: where runs, compute target
//     registrations and snapshots are kept. Without any set-up you get the
//     local workspace, a folder on disk; a config.json names an Azure one.
//   - [github.com/azureml-go/azureml/compute]: compute targets. The local
//     machine needs no set-up; the others are created or attached.
//   - [github.com/azureml-go/azureml/runconfig]: RunConfiguration (target,
//     framework, environment: python, conda, docker, spark...) and
//     ScriptRunConfig (source folder, script, arguments), saved and loaded
//     as the Python SDK's .runconfig files.
//   - [github.com/azureml-go/azureml/conda]: conda environment files
//     (CondaDependencies), read and written as conda does, with a content
//     hash that caches built environments.
//   - [github.com/azureml-go/azureml/snapshot]: which files of the source
//     folder a run takes (.amlignore and .gitignore with git's exact
//     rules), their manifest and the limits on size and count.
//   - [github.com/azureml-go/azureml/experiment]: Experiment, Submit and
//     Run: status, streamed logs, waiting, cancelling, outputs, metrics
//     and git tracking.
//
// A run in four steps:
//
//	ws, _ := workspace.FromConfig(ctx, "", nil)   // local unless config.json names Azure
//	cfg := runconfig.NewScriptRunConfig("train", "train.py", nil)
//	run, _ := experiment.New(ws, "demo").Submit(ctx, cfg, nil)
//	status, err := run.WaitForCompletion(ctx, &experiment.WaitOptions{Output: os.Stdout})
//
// Every operation that does I/O takes a context.Context first; long
// operations can be resumed from another process; errors are typed values
// that name the field and the value at fault; secrets never appear in
// errors, logs or files the SDK writes. Unit tests of code that submits
// runs use the mock targets of compute/computetest.
package azureml
