// Package workspace is the entry point of azureml-go: a [Workspace] says
// where experiments, runs and compute target registrations live, either in
// an embedded local folder or in an Azure Machine Learning workspace.
//
// # Choosing a workspace
//
// [FromConfig] reads the config.json of the Python SDK (written by
// [Workspace.WriteConfig], or downloaded from the Azure portal), searching
// the current folder and its parents. When there is no config, or the
// config names no Azure workspace, it returns the local workspace, so a
// newcomer runs an example without any Azure account. [Local] opens the
// local workspace directly.
//
// A config.json for each case:
//
//	{"subscription_id": "S", "resource_group": "R", "workspace_name": "W"}
//	{"Id": null, "Scope": "/subscriptions/S/resourceGroups/R/providers/Microsoft.MachineLearningServices/workspaces/W"}
//	{"local": true, "local_dir": "/home/me/ml-workspace"}
//	{}
//
// # The local workspace
//
// The local workspace is a folder, by default [DefaultLocalDir], that is an
// internal/store folder (atomic writes, file locks, safe for several
// processes, nothing lost when one dies mid-write). Its areas:
//
//	format.json, records/, objects/, locks/, tmp/   the store itself
//	records/computes/<name>.json        compute target registrations (never secrets)
//	records/experiments/<name>.json     experiments
//	records/runs/<experiment>/<id>.json run records (status, snapshot id, properties)
//	objects/<h[:2]>/<h[2:]>             snapshot files, stored once by sha256
//	runs/<id>/                          run folders: snapshot files, logs/, outputs/
//	envs/<hash>/                        environment caches, one per content hash
//	locks/named/envs/<hash>.lock        the lock held while building that environment
//
// The compute and experiment packages own those records and folders; this
// package creates the folder, its store layout, runs/ and envs/.
//
// # Azure workspaces
//
// A workspace of [KindAzure] carries its identity (subscription, resource
// group, name) and how to reach Azure ([GetOptions]: an
// azcore.TokenCredential, azidentity.NewDefaultAzureCredential by default;
// azcore client options for the cloud, transport, retries and logging; an
// api-version override). [Get] reads the workspace over the Azure Resource
// Manager API (Workspaces_Get) and returns a handle with its [Properties]:
// location, discovery URL, storage account, key vault, MLflow tracking URI.
// [FromConfig] makes no network call unless [FromConfigOptions].Fetch is
// set; [Workspace.Fetch] reads it later. A missing workspace is a
// *[NotFoundError] and a credential that fails, or a token the service
// refuses, an *[AuthError].
//
// The compute and experiment packages reach Azure through
// [Workspace.Credential], [Workspace.ClientOptions] and
// [Workspace.APIVersion]; the endpoint comes from the cloud configuration,
// which is how tests point everything at the emulator in
// workspace/workspacetest.
package workspace
