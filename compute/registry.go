package compute

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/workspace"
)

// LocalName is the name of the local machine as a compute target.
const LocalName = "local"

// registrationPrefix is where a local workspace keeps compute registrations.
const registrationPrefix = "computes/"

// registration is the stored record of a compute target: never a secret.
type registration struct {
	Name       string            `json:"name"`
	Kind       Kind              `json:"kind"`
	Properties map[string]string `json:"properties,omitempty"`
}

// Registered is a compute target recorded in a workspace that this version
// of the SDK knows by name and kind only (it cannot run jobs on it yet).
type Registered struct {
	name  string
	kind  Kind
	props map[string]string
}

var _ Target = (*Registered)(nil)

// Name implements [Target].
func (r *Registered) Name() string { return r.name }

// Kind implements [Target].
func (r *Registered) Kind() Kind { return r.kind }

// Properties returns the target's recorded, non-secret properties (such as
// an address or a VM size), as a new map.
func (r *Registered) Properties() map[string]string { return maps.Clone(r.props) }

// Get returns the compute target called name in ws. "local" is always
// there, in any workspace, as a *[Local] with default options. In a local
// workspace other names are looked up among its registrations; in an
// Azure workspace Get reads the compute over ARM and returns the type its
// computeType names: *[AmlCompute], *[RemoteVM] (VirtualMachine),
// *[HDInsight], *[Databricks], *[DataLakeAnalytics], or *[Registered] for
// other types. A missing one is a *[NotFoundError] (errors.Is
// [ErrNotFound]).
func Get(ctx context.Context, ws *workspace.Workspace, name string) (Target, error) {
	if name == LocalName {
		return NewLocal(ws, nil)
	}
	if ws != nil && ws.Kind() == workspace.KindAzure {
		return getAzure(ctx, ws, name)
	}
	if ws == nil || !ws.IsLocal() {
		return nil, &NotFoundError{Name: name, Reason: "only the local target is known outside a local workspace in this version"}
	}
	st, err := store.Open(ctx, ws.LocalDir())
	if err != nil {
		return nil, fmt.Errorf("compute: get %q: %w", name, err)
	}
	var reg registration
	if err := st.ReadJSON(ctx, registrationPrefix+name, &reg); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, &NotFoundError{Name: name, Reason: "not registered in the workspace"}
		}
		return nil, fmt.Errorf("compute: get %q: %w", name, err)
	}
	return fromRegistration(reg), nil
}

// List returns the compute targets of ws: "local" first, then the
// workspace's registrations in name order, or, in an Azure workspace, its
// computes in the service's order (typed as [Get] types them).
func List(ctx context.Context, ws *workspace.Workspace) ([]Target, error) {
	local, err := NewLocal(ws, nil)
	if err != nil {
		return nil, err
	}
	out := []Target{local}
	if ws != nil && ws.Kind() == workspace.KindAzure {
		remote, err := listAzure(ctx, ws)
		if err != nil {
			return nil, err
		}
		return append(out, remote...), nil
	}
	if ws == nil || !ws.IsLocal() {
		return out, nil
	}
	st, err := store.Open(ctx, ws.LocalDir())
	if err != nil {
		return nil, fmt.Errorf("compute: list: %w", err)
	}
	keys, err := st.List(ctx, registrationPrefix)
	if err != nil {
		return nil, fmt.Errorf("compute: list: %w", err)
	}
	for _, k := range keys {
		var reg registration
		if err := st.ReadJSON(ctx, k, &reg); err != nil {
			return nil, fmt.Errorf("compute: list: %w", err)
		}
		if reg.Name == LocalName || strings.Contains(strings.TrimPrefix(k, registrationPrefix), "/") {
			continue
		}
		out = append(out, fromRegistration(reg))
	}
	return out, nil
}

// ErrNotFound is matched (errors.Is) by a *[NotFoundError].
var ErrNotFound = errors.New("compute: target not found")

// NotFoundError reports a compute target name a workspace does not have.
type NotFoundError struct {
	Name   string
	Reason string
	// Err is the service's answer (an *azcore.ResponseError) when an
	// Azure workspace was asked, else nil.
	Err error
}

// Error implements error.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("compute: target %q not found: %s", e.Name, e.Reason)
}

// Is reports whether target is [ErrNotFound].
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Unwrap returns the service's answer, if any.
func (e *NotFoundError) Unwrap() error { return e.Err }
