package experiment

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
)

// takeSnapshot snapshots the source folder and checks that the script is
// part of it (not excluded by an ignore file). It writes nothing to the
// workspace; snapshot errors (limits, symlinks) are returned as
// *ValidationError wrapping the snapshot error.
func takeSnapshot(ctx context.Context, p *plan, opts *snapshot.Options) (*snapshot.Manifest, error) {
	man, err := snapshot.Take(ctx, p.sourceDir, opts)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, &ValidationError{Field: "source_directory", Value: p.sourceDir,
			Reason: "cannot be snapshotted", Err: err}
	}
	if e, ok := man.Lookup(p.script); !ok || e.Kind != snapshot.KindFile {
		return nil, &ValidationError{Field: "script", Value: p.script,
			Reason: "is excluded from the snapshot by an .amlignore or .gitignore rule"}
	}
	return man, nil
}

// storeSnapshot stores the manifest's files as content-addressed objects
// (each content once) and then the manifest as the record
// "snapshots/<id>". A snapshot already recorded is not stored again.
func storeSnapshot(ctx context.Context, h *home, srcDir string, man *snapshot.Manifest) error {
	key := snapshotKey(man.ID())
	if _, err := h.st.Read(ctx, key); err == nil {
		return nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("experiment: snapshot %s: %w", man.ID(), err)
	}
	for _, e := range man.Entries {
		if e.Kind != snapshot.KindFile || h.st.HasObject(e.SHA256) {
			continue
		}
		got, _, err := h.st.PutFile(ctx, filepath.Join(srcDir, filepath.FromSlash(e.Path)))
		if err != nil {
			return fmt.Errorf("experiment: storing snapshot file %s: %w", e.Path, err)
		}
		if got != e.SHA256 {
			return fmt.Errorf("experiment: snapshot file %s changed while being stored; submit again", e.Path)
		}
	}
	if err := h.st.WriteJSON(ctx, key, man); err != nil {
		return fmt.Errorf("experiment: snapshot %s: %w", man.ID(), err)
	}
	return nil
}

// readSnapshot loads a stored manifest.
func readSnapshot(ctx context.Context, h *home, id string) (*snapshot.Manifest, error) {
	var man snapshot.Manifest
	if err := h.st.ReadJSON(ctx, snapshotKey(id), &man); err != nil {
		return nil, fmt.Errorf("experiment: snapshot %s: %w", id, err)
	}
	return &man, nil
}

// storeGitDiff keeps a dirty tree's diff as an object and returns its
// hash ("" when there is no diff).
func storeGitDiff(ctx context.Context, h *home, diff []byte) (string, error) {
	if len(diff) == 0 {
		return "", nil
	}
	hash, _, err := h.st.PutObject(ctx, bytes.NewReader(diff))
	if err != nil {
		return "", fmt.Errorf("experiment: storing git diff: %w", err)
	}
	return hash, nil
}

// jobFor builds the job a target runs for rec.
func jobFor(h *home, rec *runRecord, man *snapshot.Manifest, cfg *runconfig.RunConfiguration) *compute.Job {
	return &compute.Job{
		RunID: rec.ID, Experiment: rec.Experiment, SourceDir: rec.SourceDir,
		Snapshot: man, Config: cfg, Script: rec.Script, Arguments: rec.Arguments,
		Env: rec.Env, RunDir: h.runDir(rec.ID),
	}
}
