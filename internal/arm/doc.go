// Package arm is the SDK's one client of the Azure Resource Manager API of
// Microsoft.MachineLearningServices: workspaces, compute targets and the
// VM sizes of a region, code and environment assets, datastores and
// command jobs, and the run history data plane (run details and log files)
// found through the workspace's discovery URL.
//
// The client sits on an azcore ARM pipeline: a bearer-token policy for any
// azcore.TokenCredential (azidentity.NewDefaultAzureCredential by default),
// retries honouring Retry-After for 429 and 5xx, x-ms-client-request-id on
// every request, a User-Agent naming azureml-go, and azcore logging with
// header and query values redacted and bodies never logged. The cloud
// configuration chooses the endpoint, so tests point the real client at an
// emulator.
//
// Retries never duplicate an operation: a request that got no response (a
// dropped connection) is sent again only when it is a read (GET, and the
// POST reads listKeys, listNodes and listSecrets); a write (PUT, PATCH, DELETE) is sent
// again only after a response that says it was not carried out (408, 429,
// 5xx) or when the connection could not be opened at all.
//
// Long-running operations return azcore pollers that follow
// Azure-AsyncOperation and Location, honour Retry-After, stop when their
// context ends and can be resumed from a token. Lists are azcore pagers that
// follow nextLink verbatim.
//
// Models carry the spec's JSON names for what the SDK uses; unknown response
// fields are ignored and unknown compute types are kept as raw JSON. Secrets
// are [Secret] values: they print and marshal as "REDACTED", and only the
// client's own request encoder puts their value on the wire. Shared access
// signatures (a pending upload's container, a run's log files) are [SASURL]
// values that print without their query; blob requests made with them carry
// no bearer token, and their errors ([BlobError]) name the URL without its
// query.
package arm
