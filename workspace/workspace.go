package workspace

import "fmt"

// Kind says where a workspace keeps its data.
type Kind string

// The kinds of workspace.
const (
	// KindLocal is the embedded workspace: a folder on this machine.
	KindLocal Kind = "local"
	// KindAzure is an Azure Machine Learning workspace.
	KindAzure Kind = "azure"
)

// KindValues returns every [Kind].
func KindValues() []Kind { return []Kind{KindLocal, KindAzure} }

// LocalName is the [Workspace.Name] of every local workspace.
const LocalName = "local"

// armProvider is the resource provider of Azure ML workspaces.
const armProvider = "Microsoft.MachineLearningServices"

// Workspace is a handle on a workspace: its identity and kind. It is
// immutable and safe for concurrent use; getting its fields does no I/O.
//
// A local workspace (see [Local]) has Name [LocalName], no subscription or
// resource group, and a [Workspace.LocalDir]. An Azure workspace carries
// its identity and how to reach Azure (credential, client options,
// api-version); it does I/O only in the methods that take a context
// ([Workspace.Fetch]) and in the packages that use [Workspace.Credential].
type Workspace struct {
	kind           Kind
	subscriptionID string
	resourceGroup  string
	name           string
	location       string
	localDir       string
	configPath     string

	azure *azureAccess // nil when local
	props *Properties  // nil until read from Azure
}

// Kind returns where the workspace keeps its data.
func (w *Workspace) Kind() Kind { return w.kind }

// IsLocal reports whether the workspace is the embedded local one.
func (w *Workspace) IsLocal() bool { return w.kind == KindLocal }

// SubscriptionID returns the Azure subscription id ("" when local).
func (w *Workspace) SubscriptionID() string { return w.subscriptionID }

// ResourceGroup returns the Azure resource group ("" when local).
func (w *Workspace) ResourceGroup() string { return w.resourceGroup }

// Name returns the workspace name ([LocalName] when local).
func (w *Workspace) Name() string { return w.name }

// Location returns the Azure region, or "" while it is unknown: config.json
// does not record it, so an Azure workspace read from it has none until
// it is read from Azure ([Get], [Workspace.Fetch]). A local workspace has "".
func (w *Workspace) Location() string { return w.location }

// LocalDir returns the absolute folder of a local workspace ("" for Azure).
// It is an internal/store folder: the compute and experiment packages open
// it with that package and use the areas described in the package
// documentation (compute registrations, experiments, runs, objects, envs).
func (w *Workspace) LocalDir() string { return w.localDir }

// ConfigPath returns the config file the workspace was read from, or "".
func (w *Workspace) ConfigPath() string { return w.configPath }

// ID returns the ARM resource id of an Azure workspace,
// /subscriptions/S/resourceGroups/R/providers/Microsoft.MachineLearningServices/workspaces/W
// (the "Scope" of config.json), or "" for a local workspace.
func (w *Workspace) ID() string {
	if w.kind != KindAzure {
		return ""
	}
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/%s/workspaces/%s",
		w.subscriptionID, w.resourceGroup, armProvider, w.name)
}

// String describes the workspace for people.
func (w *Workspace) String() string {
	if w.IsLocal() {
		return "local workspace at " + w.localDir
	}
	return fmt.Sprintf("azure workspace %s (subscription %s, resource group %s)",
		w.name, w.subscriptionID, w.resourceGroup)
}
