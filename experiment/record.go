package experiment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/azureml-go/azureml/internal/store"
)

// runRecord is what the workspace store keeps of a run, as the record
// "runs/<experiment>/<id>". Its JSON names follow the SDK's get_details keys where one
// exists. It holds everything another process needs to rebuild the job
// and re-attach.
type runRecord struct {
	ID          string            `json:"runId"`
	Experiment  string            `json:"experiment"`
	Target      string            `json:"target"`
	Status      Status            `json:"status"`
	Submitted   time.Time         `json:"submittedTimeUtc"`
	Start       time.Time         `json:"startTimeUtc,omitzero"`
	End         time.Time         `json:"endTimeUtc,omitzero"`
	SnapshotID  string            `json:"snapshotId"`
	SourceDir   string            `json:"sourceDirectory"`
	Script      string            `json:"script"`
	Arguments   []string          `json:"arguments,omitempty"`
	Env         map[string]string `json:"environmentVariables,omitempty"`
	Properties  map[string]string `json:"properties,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
	GitDiff     string            `json:"gitDiffObject,omitempty"`
	Error       string            `json:"error,omitempty"`
	ExitCode    *int              `json:"exitCode,omitempty"`
	LogFiles    []string          `json:"logFiles,omitempty"`
	PortalURL   string            `json:"portalUrl,omitempty"`
	OutputFiles []string          `json:"outputFiles,omitempty"`
	// Finalized is set once the final status is recorded and the outputs
	// collected; a finalized record is never changed again.
	Finalized bool `json:"finalized,omitempty"`
}

// runKey is the store key of run id's record: runs/<experiment>/<id>.
func runKey(id string) string {
	exp := id
	for range 2 {
		if i := strings.LastIndexByte(exp, '_'); i >= 0 {
			exp = exp[:i]
		}
	}
	return "runs/" + exp + "/" + id
}

// snapshotKey is the store key of a snapshot manifest.
func snapshotKey(id string) string { return "snapshots/" + id }

// readRecord loads the record of run id; a missing one is ErrRunNotFound.
func readRecord(ctx context.Context, st *store.Store, id string) (*runRecord, error) {
	var rec runRecord
	err := st.ReadJSON(ctx, runKey(id), &rec)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("%w: %q", ErrRunNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("experiment: run %s: %w", id, err)
	}
	return &rec, nil
}

// Record writes and crashes. Every write of a run record is atomic, so a
// record survives the death of any process (the submitter's included)
// whole and up to date; that is all the durability runs need while they
// go on. Only the final record is also flushed to the disk (fsync) before
// it is reported, so that a status a caller has seen as final survives a
// machine crash. The records of a run that is starting or running are not:
// a machine crash stops the run's processes too, so such a record would
// be stale anyway, and skipping the fsyncs keeps two to four milliseconds
// off every submission.
const (
	// liveWrite is how the records of a run that goes on are written.
	liveWrite = store.SyncNone
	// finalWrite is how the final record is written.
	finalWrite = store.SyncFull
)

// createRecord writes a new run record; an existing one is an error
// (run ids are unique, so this only guards against a bug).
func createRecord(ctx context.Context, st *store.Store, rec *runRecord) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("experiment: run %s: %w", rec.ID, err)
	}
	// No lock: Create links the new record into place, and nothing
	// updates a run record that does not exist yet (updateRecord says
	// ErrRunNotFound), so the key's lock file is made later, by the
	// first update, once the script is on its way.
	err = st.Create(ctx, runKey(rec.ID), data, &store.WriteOptions{Sync: liveWrite})
	if err != nil {
		return fmt.Errorf("experiment: recording run %s: %w", rec.ID, err)
	}
	return nil
}

// updateRecord applies fn to the run's record under its lock, writes it
// with sync, and returns the result. fn reports whether it changed
// anything; when it did not, nothing is written.
func updateRecord(ctx context.Context, st *store.Store, id string, sync store.Sync, fn func(*runRecord) bool) (*runRecord, error) {
	var out runRecord
	err := st.UpdateWith(ctx, runKey(id), &store.WriteOptions{Sync: sync}, func(cur []byte) ([]byte, error) {
		if cur == nil {
			return nil, fmt.Errorf("%w: %q", ErrRunNotFound, id)
		}
		if err := json.Unmarshal(cur, &out); err != nil {
			return nil, err
		}
		if !fn(&out) {
			return nil, nil
		}
		return json.Marshal(&out)
	})
	if err != nil {
		return nil, fmt.Errorf("experiment: updating run %s: %w", id, err)
	}
	return &out, nil
}
