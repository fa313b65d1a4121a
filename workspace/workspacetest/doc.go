// Package workspacetest is an in-process emulator of the Azure Resource
// Manager (ARM) API of one Azure Machine Learning workspace
// (Microsoft.MachineLearningServices), in the style of net/http/httptest.
// Users import it to test code that manages workspaces and compute
// targets without Azure; this module's own ARM client is tested against
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
// waiting (jobs will set it themselves once the emulator runs them): missing nodes are
// added "preparing" (allocationState Resizing) for [Options.NodeStartDelay],
// then run the work; nodes without work go "idle" and are removed after
// nodeIdleTimeBeforeScaleDown multiplied by [Options.IdleTimeScale]
// (0.01 makes "PT120S" last 1.2s), never below minNodeCount.
// currentNodeCount, targetNodeCount, nodeStateCounts and listNodes show it.
//
// Nothing runs in the background: the state of operations and clusters is
// computed from [Options.Now] whenever a request arrives. A test that
// passes its own clock moves time by hand and sees exact transitions.
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
// # What it does not emulate
//
// Workspace create, update, delete and list; compute types AKS,
// Kubernetes, ComputeInstance (and its start/stop/restart), DataFactory
// and SynapseSpark (a 400, like any unknown computeType); managed
// identities beyond echoing them; rate limits and the
// x-ms-ratelimit-remaining-* headers (a 429 comes only from
// [Faults.Throttle]); RBAC; and, not yet, jobs, code and environment assets, datastores and run
// history. Node setup errors (properties.properties.errors) stay empty and
// listNodes reports no runId.
package workspacetest
