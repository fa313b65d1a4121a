// Package workspacetest is an in-process emulator of the Azure Resource
// Manager (ARM) API of one Azure Machine Learning workspace
// (Microsoft.MachineLearningServices), in the style of net/http/httptest.
// Users import it to test code that manages workspaces and compute
// targets, upload code, create environments and submit, cancel and follow
// jobs without Azure; this module's own ARM client is tested against
// it over real HTTP. The emulator is an independent implementation of the
// service's wire format, so a client bug shows up as the same 400 the
// service would return.
//
// # Using it
//
// [NewServer] starts an HTTPS server (azcore's bearer-token policy refuses
// plain http). Point a client at it with three values:
//
//   - [Server.URL] as the ARM endpoint (the cloud's resource manager host),
//   - [Server.Client] as the transport (it trusts the server's certificate
//     and implements azcore's policy.Transporter),
//   - [Server.Credential] as the azcore.TokenCredential.
//
// [Server.WorkspaceID] is the hosted workspace's ARM id, and
// [Server.Requests] returns every request received, with raw bodies (so a
// test can check that credentials went only into a PUT body) and the
// status and Retry-After of each response (so a benchmark can compare the
// polls a client sent with the polls Retry-After asked for).
//
// # What it emulates
//
// Paths, JSON names, status codes and headers follow the 2026-07-01
// stable API (and the earlier versions in [DefaultAPIVersions]). Every
// response carries x-ms-request-id and x-ms-correlation-request-id, and
// echoes x-ms-client-request-id.
//
//   - Every ARM request needs "Authorization: Bearer <token>" (401
//     AuthenticationFailed or InvalidAuthenticationToken with the ARM error
//     envelope otherwise) and an api-version among [Options.APIVersions]
//     (400 MissingApiVersionParameter / InvalidApiVersionParameter).
//   - Workspaces_Get, with discoveryUrl pointing at the emulator (its
//     answer is {"api": <emulator URL>}), storageAccount, keyVault,
//     mlFlowTrackingUri, workspaceId and provisioningState Succeeded. Other
//     subscriptions, resource groups and workspaces are 404
//     (SubscriptionNotFound, ResourceGroupNotFound, ResourceNotFound).
//   - Computes of type AmlCompute, VirtualMachine, HDInsight, Databricks
//     and DataLakeAnalytics: List (pages of [Options.PageSize] with an
//     absolute nextLink carrying $skip), Get, CreateOrUpdate (201, or 200
//     for an update, with Azure-AsyncOperation and Retry-After), Update
//     (PATCH of scaleSettings: 200 with Azure-AsyncOperation, Location and
//     Retry-After), Delete (underlyingResourceAction required: 202 with
//     both headers, 204 when absent), listKeys and listNodes (POST, items
//     in "nodes", paged; its nextLink may be followed with GET or POST),
//     and VirtualMachineSizes_List for the workspace's location.
//   - Long-running operations take [Options.ProvisioningDelay]. The
//     Azure-AsyncOperation URL always answers 200 with status InProgress
//     (and Retry-After), then Succeeded or Failed with an error; the
//     Location URL answers 202 (Location, Retry-After) while running, then
//     200 with the compute after an update or 204 after a delete.
//     Retry-After is [Options.RetryAfter] in whole seconds, at least 1.
//   - Validation as strict as the service's, answered with 400
//     ValidationError whose target names the field as a JSON path
//     ("properties.properties.scaleSettings.minNodeCount"): the compute
//     name rule ^[a-zA-Z](?![a-zA-Z0-9-]*-\d+$)[a-zA-Z0-9\-]{2,23}$,
//     required fields (location, computeType, vmSize, scaleSettings with
//     maxNodeCount, attach credentials and resource ids of the right
//     provider type), enums (vmPriority, osType,
//     remoteLoginPortPublicAccess, underlyingResourceAction), 0 <=
//     minNodeCount <= maxNodeCount, ISO-8601 nodeIdleTimeBeforeScaleDown,
//     vmSize among [Options.VMSizes], and JSON types. Unknown JSON fields
//     are tolerated, as the service does. Unreadable JSON is a 400
//     InvalidRequestContent.
//   - Secrets (adminUserPassword, administratorAccount password and
//     privateKeyData, databricksAccessToken) are accepted in a PUT and
//     never returned by Get or List; listKeys returns administratorAccount
//     for VirtualMachine and HDInsight, databricksAccessToken for
//     Databricks, and only computeType for the others.
//   - A PUT on an attached compute (duplicate attach), a PUT that would
//     change a compute's type, and a PUT or PATCH while an operation is in
//     progress are 409 Conflict. A PUT on an existing AmlCompute updates it
//     (scale settings, description, tags); changing vmSize, vmPriority,
//     osType or subnet is a 400 naming the field. A PUT on a compute whose
//     create failed creates it again.
//   - Detach is valid only for attached types and Delete only for
//     AmlCompute: the emulator never "deletes" a VM, cluster or workspace
//     the workspace did not create, and says which action to use instead.
//
// # Cluster scaling and time
//
// An AmlCompute cluster's nodes follow demand between minNodeCount and
// maxNodeCount. [Server.SetClusterDemand] says how many nodes of work are
// waiting, and jobs add their instanceCount while they wait or run:
// missing nodes are added "preparing" (allocationState Resizing) for [Options.NodeStartDelay],
// then run the work; nodes without work go "idle" and are removed after
// nodeIdleTimeBeforeScaleDown multiplied by [Options.IdleTimeScale]
// (0.01 makes "PT120S" last 1.2s), never below minNodeCount.
// currentNodeCount, targetNodeCount, nodeStateCounts and listNodes show it.
//
// Apart from jobs, nothing runs in the background: the state of operations
// and clusters is computed from [Options.Now] whenever a request arrives.
// A test that passes its own clock moves time by hand and sees exact
// transitions. Jobs run in real time; one on a cluster whose nodes are
// still preparing waits until that clock has moved past
// [Options.NodeStartDelay].
//
// # Faults
//
// [Server.Faults] injects failures: the next N requests matching a method
// and a path prefix get 429 with Retry-After ([Faults.Throttle]), 500
// ([Faults.ServerError]) or a closed connection ([Faults.DropConnection]),
// and the next create of a named compute ends Failed with
// provisioningErrors ([Faults.FailNextCreate]). Each [Fault] counts its
// firings. Faults apply before authentication. Operation URLs live under
// /subscriptions/{sub}/providers/Microsoft.MachineLearningServices/locations/{location}/
// (computeOperationsStatus/{id} and computeOperationsResults/{id}), so
// that prefix targets polling.
//
// # Storage, assets and jobs
//
// With [Options.Storage] set to a blob account (an Azurite started by the
// test; internal/azuritetest does it for this module), the workspace also
// serves, synchronously (PUT 201 new / 200 existing, DELETE 200 / 204):
//
//   - Datastores: the default AzureBlob datastore workspaceblobstore
//     (container azureml-blobstore-{workspaceId}) in List (isDefault and
//     names filters), Get (credentials write-only) and listSecrets
//     ({"secretsType":"AccountKey","key":...}). On Azurite, endpoint is
//     host:port and protocol the scheme (path-style account URL); its
//     properties map carries "serviceUrl".
//   - Code containers and versions: List, Get, CreateOrUpdate, Delete; the
//     versions List takes hash and hashVersion, matched against the
//     properties hash_sha256 and hash_version of every code version
//     whatever its name. startPendingUpload answers the
//     PendingUploadResponseDto with a fresh container (named after the
//     pendingUploadId, a GUID by default, and the server, so that servers
//     sharing one Azurite never share a container) and its SAS URL (read, add,
//     create, write, list; one hour). A version's codeUri must be a folder
//     of the account, without a SAS, in an existing container; changing it
//     later is a 400 UserError "Asset paths cannot be updated." (the text
//     azure-ai-ml matches).
//   - Environment containers and versions: image (with condaFile holding
//     conda YAML text) or build{contextUri}, osType and autoRebuild enums.
//     Versions are immutable: a re-PUT with the same definition is a 200
//     (reuse), with another image, condaFile, build... a 409 UserError
//     naming the field (the emulator's choice: the service's code for it
//     is not documented).
//   - Command jobs: PUT validates command, environmentId and codeId (ARM
//     ids or azureml:name:version, which must exist), computeId (an
//     AmlCompute or VirtualMachine of this workspace in state Succeeded),
//     literal inputs (${{inputs.x}} substituted), distribution,
//     limits.timeout (ISO-8601) and resources.instanceCount (<= the
//     cluster's maxNodeCount; 1 on a VM), each failure a 400 naming the
//     field; a re-PUT may change tags, properties, displayName and
//     description only. Get, List (newest first, paged, jobType, tag and
//     listViewType filters), Cancel (202 with Location and Retry-After,
//     CancelRequested, then Canceled; the Location answers 202 until the
//     job ends, then 200) and Delete (likewise, then 204). Each job has
//     services.Studio.endpoint and a default output
//     azureml://datastores/workspaceblobstore/paths/ExperimentRun/dcid.{name}/.
//   - Run history, at the discovery "api" URL (the emulator):
//     GET /history/v1.0{workspace id}/runs/{runId} and .../details, with the
//     same bearer token as ARM and no api-version. details carries status,
//     startTimeUtc, endTimeUtc, warnings, error{error{code,message}} and
//     logFiles{"user_logs/std_log.txt": <read SAS URL of the blob>}.
//
// Without storage, datastores list empty, and startPendingUpload, job PUT
// and run history answer 501 StorageNotConfigured.
//
// # Jobs run for real
//
// A job starts when it is created, in real time (not [Options.Now]). It
// is NotStarted, then Queued; on an AmlCompute it adds its instanceCount
// to the cluster's demand and waits for that many free nodes, showing
// Provisioning while the cluster resizes; then Preparing (its code folder
// is downloaded from storage into a temporary folder), Starting, Running
// ("sh -c command" in that folder, in a process group of its own, with
// this process's environment plus environmentVariables, AZUREML_RUN_ID,
// AZUREML_EXPERIMENT_NAME, AZUREML_ARM_* and PYTHONUNBUFFERED=1),
// Finalizing (./outputs and ./logs go to ExperimentRun/dcid.{name}/ in the
// default datastore's container), then Completed, Failed (exit status not
// 0: error.message has the status and the log's last 20 lines) or
// Canceled (a cancel, or limits.timeout: error code JobTimeout). Each
// state before Running, and Finalizing, lasts [Options.JobStateDelay].
// stdout and stderr go, as they grow, to the append blob
// ExperimentRun/dcid.{name}/user_logs/std_log.txt, which run history
// serves. A cancel sends SIGTERM to the process group, SIGKILL after two
// seconds; the group is killed when the command ends in any case.
// [Server.Close] cancels the jobs still running and waits for them. On a
// cluster, a job's nodes are released when it ends.
//
// # What it does not emulate
//
// Environments are not built: no conda, no docker image; the command runs
// on this machine with its PATH (so python3 is the one on PATH), and the
// run's warnings say so. Only Command jobs with literal inputs run;
// distribution is validated and echoed but one process runs, whatever
// instanceCount; serverless jobs (no computeId) are refused. Code and
// environment publish, $orderBy and $top, datastore create and delete,
// the run history's metrics, artifacts and child runs are not emulated,
// and only the user log is in logFiles.
//
// Workspace create, update, delete and list; compute types AKS,
// Kubernetes, ComputeInstance (and its start/stop/restart), DataFactory
// and SynapseSpark (a 400, like any unknown computeType); managed
// identities beyond echoing them; rate limits and the
// x-ms-ratelimit-remaining-* headers (a 429 comes only from
// [Faults.Throttle]); RBAC. Node setup errors (properties.properties.errors)
// stay empty and listNodes reports no runId.
package workspacetest
