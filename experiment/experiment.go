package experiment

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/workspace"
)

// Experiment is a named group of runs in a workspace: the Python SDK's
// Experiment. It is a handle: creating one does no I/O, and the experiment
// exists in the workspace once it has a run. It is safe for concurrent use.
type Experiment struct {
	ws    *workspace.Workspace
	name  string
	local *localTarget
	homes *homeCache
}

// homeCache opens the workspace's store once for the experiment's
// submissions and listings; a failed open is tried again next time.
type homeCache struct {
	mu sync.Mutex
	h  *home
}

// get returns the home of ws.
func (c *homeCache) get(ctx context.Context, ws *workspace.Workspace) (*home, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.h == nil {
		h, err := openHome(ctx, ws)
		if err != nil {
			return nil, err
		}
		c.h = h
	}
	return c.h, nil
}

// localTarget is the experiment's built-in local target, made on first
// use and shared by its submissions, so that what a [compute.Local]
// learns once (its host probe) is not learnt again for every run.
type localTarget struct {
	once sync.Once
	t    *compute.Local
	err  error
}

// get returns the local target of ws.
func (l *localTarget) get(ws *workspace.Workspace) (compute.Target, error) {
	l.once.Do(func() { l.t, l.err = compute.NewLocal(ws, nil) })
	return l.t, l.err
}

// New returns the experiment called name in ws. The name must follow the
// Python SDK's rule (see [ValidateName]); a bad name is a *ValidationError.
// New does no I/O.
func New(ws *workspace.Workspace, name string) (*Experiment, error) {
	if ws == nil {
		return nil, &ValidationError{Field: "workspace", Value: "<nil>", Reason: "must not be nil"}
	}
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	return &Experiment{ws: ws, name: name, local: &localTarget{}, homes: &homeCache{}}, nil
}

// Name returns the experiment's name.
func (e *Experiment) Name() string { return e.name }

// Workspace returns the workspace the experiment belongs to.
func (e *Experiment) Workspace() *workspace.Workspace { return e.ws }

// home is where a workspace keeps runs: its store and its run folders.
type home struct {
	st  *store.Store
	dir string // the workspace's local folder
}

// openHome opens the local store of ws. Runs are recorded on the local
// disk: in the workspace's folder, or for an Azure workspace in this
// machine's cache (see azureHomeDir).
func openHome(ctx context.Context, ws *workspace.Workspace) (*home, error) {
	dir, err := homeDir(ws)
	if err != nil {
		return nil, err
	}
	if dir == "" {
		return nil, fmt.Errorf("experiment: workspace has no local folder to record runs in")
	}
	st, err := store.Open(ctx, dir)
	if err != nil {
		return nil, fmt.Errorf("experiment: opening the workspace store: %w", err)
	}
	return &home{st: st, dir: dir}, nil
}

// runDir is the run folder of run id: logs, outputs and metrics.
func (h *home) runDir(id string) string { return filepath.Join(h.dir, "runs", id) }

// indexPath is the run index file of an experiment.
func (h *home) indexPath(exp string) string {
	return filepath.Join(h.dir, "experiments", exp, "runs.jsonl")
}
