// Package compute holds compute targets: the Target interface, one type per
// kind of target, and what each kind can do.
//
// # Capabilities and names
//
// [Capabilities] is the table of "Set up compute targets for model
// training" (GPU, AutoML, hyperparameter tuning, pipelines per kind), and
// [Require] turns it into a *[CapabilityError] before a run is sent where it
// cannot go. [ValidateName] applies the service's rule for new target names
// and the SDK's reserved names.
//
// # The local target
//
// [Local] runs a job on this machine, detached under a supervisor, in the
// run folder job.RunDir/exec (the snapshot is copied into its wd folder,
// where the script runs). The environment follows the run configuration:
//
//   - user-managed (python.user_managed_dependencies): the interpreter as
//     configured, "python" by default, falling back to "python3" when only
//     that is on PATH (said in the driver log);
//   - system-managed: a conda environment built once per content hash of
//     the conda dependencies, with conda, mamba or micromamba, into the
//     workspace's envs folder; later runs with the same dependencies reuse
//     it without invoking conda;
//   - docker (docker.enabled): the script runs in docker.base_image through
//     docker or podman, with wd mounted at [ContainerWorkDir].
//
// The driver log starts with lines prefixed "azureml-go:" saying which
// environment was used, whether it was built, and how long preparing it
// took ([Local.Environment] returns the same facts).
//
// # Registrations
//
// [Get] and [List] find a workspace's targets; "local" is always there.
//
// Mock targets for tests of code that submits runs are in package
// compute/computetest.
package compute
