// Package runconfig holds the run configuration of Azure Machine Learning
// training runs: [RunConfiguration] (target, framework, communicator, node
// count, time limit, and the Python, conda, Docker and Spark environment)
// and [ScriptRunConfig] (a source directory, a script and its arguments),
// following the Python SDK v1 (azureml-core).
//
// # Files
//
// Run configurations are saved and loaded as the SDK's .runconfig YAML
// files, with its camelCase keys in its order, so that files written by the
// Python SDK or the az ml CLI load here and files saved here load there.
// [RunConfiguration.Save] writes <project>/.azureml/<name>.runconfig, or
// <project>/aml_config/<name>.runconfig when the SDK 1.0.x aml_config
// folder exists, and the conda environment beside it
// (conda_dependencies.yml, referenced by environment.python.
// condaDependenciesFile relative to the project). [Load] looks in both
// folders, as the SDK does; [LoadFile] reads a given file and [Parse] bytes.
//
// A file read here and saved again loses nothing: keys this package does
// not model (newer SDK sections such as docker, pytorch or data, or keys of
// your own), comments, key order and the spelling of unchanged values are
// kept. One exception is deliberate: the container registry password
// (environment.docker.baseImageRegistry.password) is a [Secret] that is
// never written to a file, printed or put in an error.
//
// The legacy Workbench format (ArgumentVector, Target... with no
// environment key) is not converted; such files load with defaults and
// their keys are kept as unknown keys.
//
// # Validation
//
// [RunConfiguration.Validate] and [ScriptRunConfig.Validate] check what a
// compute target would reject later (node count, time limit, framework and
// communicator combinations, compute target names, Docker shared memory
// size, VM priority, YARN deploy mode, environment variable names, a
// script inside the source directory, a conda file that exists...) and
// report every problem at once in a *[ValidationError] of *[FieldError]
// values, whose Field is the SDK's snake_case attribute path:
//
//	runconfig: node_count 0: must be >= 1
//
// Errors reading a file are *[ParseError] values naming the file, the line
// and the camelCase YAML key:
//
//	runconfig: .azureml/train.runconfig:7: nodeCount: "two" is not an integer
package runconfig
