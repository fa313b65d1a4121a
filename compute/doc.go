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
// # Remote VMs and HDInsight over SSH
//
// [AttachRemoteVM] and [AttachHDInsight] make any Linux host reachable over
// SSH a target of a local workspace: the attach connects, checks the host
// (OS, architecture, interpreter, free disk) and records the target, never
// its password or passphrase (a later process gets them from an option, an
// environment variable named in the registration, or ssh-agent). Host keys
// are checked against known_hosts; an unknown key is trusted only when
// asked. A run speaks the local target's run-folder protocol over SSH and
// SFTP: the snapshot goes through a content-addressed object store on the
// host (only files the host lacks travel; the run folder's snapshot files
// are read-only hard links to the stored objects, so a script may create,
// replace or delete files there but not rewrite a snapshot file in place,
// unlike on the local target, where they are copies), the script starts detached
// under the same supervisor, the log streams from a byte offset across
// dropped connections, and Cancel stops the remote process group. HDInsight
// runs PySpark scripts with spark-submit on the head node. No real
// HDInsight cluster was reachable where this package was built: its tests
// run against a spark-submit stand-in on a real sshd.
//
// # Azure workspaces
//
// On an Azure workspace (see workspace.Get and workspace.FromConfig),
// targets live in Azure and every call goes to the Azure Resource Manager
// API of Microsoft.MachineLearningServices. [CreateAmlCompute] provisions a
// managed cluster from an [AmlComputeProvisioningConfig], validated before
// any request; [AzureOperation.WaitForCompletion] prints the provisioning
// state and node counts as they change, at the pace the service asks for
// with Retry-After. [Attach] attaches a VM, an HDInsight cluster, a
// Databricks workspace or a Data Lake Analytics account; credentials travel
// only in the request body. [Detach] removes an attached target from the
// workspace and leaves the resource alone; [Delete] deletes the resource.
// Azure has no Batch compute type: [AttachBatch] records a Batch account in
// a local workspace and returns a *[NotSupportedError] on an Azure one.
// [RunBasedClusterFor] turns an "amlcompute" run configuration into the
// temporary cluster a run creates and deletes. Service errors carry the ARM
// error code (*[ServiceError], *[ProvisioningError]). Tests reach a stand-in
// for Azure with package workspace/workspacetest.
//
// # Registrations
//
// [Get] and [List] find a workspace's targets; "local" is always there. On
// an Azure workspace they return typed targets ([AmlCompute], [RemoteVM],
// [HDInsight], [Databricks], [DataLakeAnalytics]) by the service's
// computeType.
//
// Mock targets for tests of code that submits runs are in package
// compute/computetest.
package compute
