package experiment

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// The run index of an experiment is an append-only file of JSON lines,
// one per submission or status change: {"id":..,"s":..,"t":<unix ns>}.
// Each line is written with one O_APPEND write, so concurrent processes
// never interleave lines; the last line for an id holds its status, the
// first its submission time. Run records stay the source of truth; the
// index only makes listing cheap (one small file instead of every record).
type indexLine struct {
	ID     string `json:"id"`
	Status Status `json:"s"`
	Nanos  int64  `json:"t,omitempty"`
}

// RunInfo is one line of ListRuns: a run's id, its recorded status and
// when it was submitted. Get the run itself with GetRun.
type RunInfo struct {
	ID        string
	Status    Status
	Submitted time.Time
}

// appendIndex adds one line to the index file at path.
func appendIndex(path string, l indexLine) error {
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("experiment: run index: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("experiment: run index: %w", err)
	}
	_, werr := f.Write(append(b, '\n'))
	cerr := f.Close()
	if werr != nil || cerr != nil {
		return fmt.Errorf("experiment: run index %s: %w", path, errors.Join(werr, cerr))
	}
	return nil
}

// readIndex returns the runs of the index file at path, newest first. A
// missing file means no runs; torn or foreign lines are skipped.
func readIndex(path string) ([]RunInfo, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("experiment: run index: %w", err)
	}
	pos := map[string]int{}
	var runs []RunInfo
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		var l indexLine
		if json.Unmarshal(sc.Bytes(), &l) != nil || l.ID == "" {
			continue
		}
		if i, ok := pos[l.ID]; ok {
			runs[i].Status = l.Status
			continue
		}
		pos[l.ID] = len(runs)
		runs = append(runs, RunInfo{ID: l.ID, Status: l.Status, Submitted: time.Unix(0, l.Nanos).UTC()})
	}
	slices.SortStableFunc(runs, func(a, b RunInfo) int {
		return b.Submitted.Compare(a.Submitted)
	})
	return runs, nil
}
