package runfolder

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"time"
)

// State is a run's lifecycle state, named as Azure ML's RunStatus.
type State string

// The states a run folder reports.
const (
	// StateNotStarted: prepared, the supervisor has not recorded anything.
	StateNotStarted State = "NotStarted"
	// StateRunning: the script is running under a live supervisor.
	StateRunning State = "Running"
	// StateCancelRequested: running, and the cancel marker exists.
	StateCancelRequested State = "CancelRequested"
	// StateCompleted: the script exited with code 0.
	StateCompleted State = "Completed"
	// StateFailed: the script failed, timed out, could not start, or its
	// supervisor died; see [Status.Reason].
	StateFailed State = "Failed"
	// StateCanceled: stopped on request.
	StateCanceled State = "Canceled"
)

// StateValues returns every State, in lifecycle order.
func StateValues() []State {
	return []State{StateNotStarted, StateRunning, StateCancelRequested, StateCompleted, StateFailed, StateCanceled}
}

// Final reports whether s is an end state (Completed, Failed, Canceled).
func (s State) Final() bool {
	return s == StateCompleted || s == StateFailed || s == StateCanceled
}

// Reason says why a run ended the way it did.
type Reason string

// The recorded reasons; a Completed run has ReasonNone.
const (
	ReasonNone           Reason = ""
	ReasonExit           Reason = "exit"            // the script exited non-zero or was killed
	ReasonTimeout        Reason = "timeout"         // Spec.Timeout elapsed
	ReasonCanceled       Reason = "canceled"        // Cancel, or SIGTERM to the supervisor
	ReasonStartFailed    Reason = "start_failed"    // the script could not be started
	ReasonSupervisorDied Reason = "supervisor_died" // no end recorded, supervisor gone
)

// ReasonValues returns every Reason.
func ReasonValues() []Reason {
	return []Reason{ReasonNone, ReasonExit, ReasonTimeout, ReasonCanceled, ReasonStartFailed, ReasonSupervisorDied}
}

// Status is what a run folder says about its run.
type Status struct {
	// State is the lifecycle state.
	State State
	// Reason explains a Failed or Canceled state.
	Reason Reason
	// SupervisorPID is the supervisor's process id (0 before it starts).
	SupervisorPID int
	// PGID is the script's process group id, equal to the script's pid
	// (0 if it never started).
	PGID int
	// StartTime and EndTime are UTC; EndTime is zero until the run ends
	// (and stays zero when the supervisor died).
	StartTime, EndTime time.Time
	// ExitCode is the script's exit code, or -1 when it has none (not
	// ended, never started, or killed by a signal).
	ExitCode int
	// Signal names the signal that killed the script ("TERM", "KILL"), or
	// "". The supervisor only sees the shell's status, so an explicit
	// `exit 143` is indistinguishable from death by SIGTERM and reported
	// as the latter (any status from 129 to 192).
	Signal string
	// Error is a human-readable cause for start failures and a dead
	// supervisor; empty otherwise.
	Error string
}

// Final reports whether the run has ended.
func (s *Status) Final() bool { return s.State.Final() }

// Err returns nil for a run that has not ended or has completed, and a
// [*RunError] for a Failed or Canceled run. dir names the run in the
// message.
func (s *Status) Err(dir string) error {
	if s.State != StateFailed && s.State != StateCanceled {
		return nil
	}
	return &RunError{Dir: dir, State: s.State, Reason: s.Reason, ExitCode: s.ExitCode, Signal: s.Signal, Detail: s.Error}
}

// statusFile is status.json, written by the supervisor.
type statusFile struct {
	Version       int    `json:"version"`
	State         State  `json:"state"`
	SupervisorPID int    `json:"supervisor_pid"`
	PGID          int    `json:"pgid"`
	StartTime     string `json:"start_time"`
	EndTime       string `json:"end_time"`
	ExitStatus    *int   `json:"exit_status"`
	Reason        Reason `json:"reason"`
	Error         string `json:"error"`
}

// ReadStatus returns the run's status. A Running status is checked
// against the supervisor's process: if it is gone (killed, host
// restarted) the run is reported Failed with [ReasonSupervisorDied]. The
// check reads /proc/PID through fsys; where the host has no /proc it runs
// `kill -0` through sh, and if sh is nil the supervisor is assumed alive.
// A folder without spec.json gives a [*NotRunFolderError].
func ReadStatus(ctx context.Context, sh Shell, fsys FS, dir string) (*Status, error) {
	st, err := readStatus(ctx, fsys, dir)
	if err != nil || st.Final() {
		return st, err
	}
	if st.State != StateRunning {
		return st, nil
	}
	alive, err := supervisorAlive(ctx, sh, fsys, dir, st.SupervisorPID)
	if err != nil {
		return nil, err
	}
	if !alive {
		return deadSupervisor(ctx, fsys, dir)
	}
	if _, err := fsys.Stat(path.Join(dir, CancelFile)); err == nil {
		st.State = StateCancelRequested
	}
	return st, nil
}

// deadSupervisor re-reads the status (the supervisor may have recorded the
// end just before exiting) and otherwise reports its death.
func deadSupervisor(ctx context.Context, fsys FS, dir string) (*Status, error) {
	st, err := readStatus(ctx, fsys, dir)
	if err != nil || st.Final() {
		return st, err
	}
	st.State, st.Reason = StateFailed, ReasonSupervisorDied
	st.Error = fmt.Sprintf("supervisor %d died without recording the end of the script "+
		"(killed, or the host restarted); processes of group %d may still be running", st.SupervisorPID, st.PGID)
	return st, nil
}

// readStatus parses status.json as it is, without checking processes.
func readStatus(ctx context.Context, fsys FS, dir string) (*Status, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	name := path.Join(dir, StatusFile)
	b, err := fsys.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(b) == 0) {
		// An empty status.json is being created by the supervisor's first
		// write (or was, by one killed in between): not started yet.
		if _, err := readSpecFile(ctx, fsys, dir); err != nil {
			return nil, err
		}
		return &Status{State: StateNotStarted, ExitCode: -1}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("runfolder: %w", err)
	}
	var sf statusFile
	if err := json.Unmarshal(b, &sf); err != nil {
		return nil, &FormatError{Path: name, Err: err}
	}
	st, err := sf.status()
	if err != nil {
		return nil, &FormatError{Path: name, Err: err}
	}
	return st, nil
}

func (sf *statusFile) status() (*Status, error) {
	if sf.Version != 1 {
		return nil, fmt.Errorf("unsupported version %d", sf.Version)
	}
	switch sf.State {
	case StateRunning, StateCompleted, StateFailed, StateCanceled:
	default:
		return nil, fmt.Errorf("unknown state %q", sf.State)
	}
	st := &Status{State: sf.State, Reason: sf.Reason, SupervisorPID: sf.SupervisorPID,
		PGID: sf.PGID, ExitCode: -1, Error: sf.Error}
	var err error
	if st.StartTime, err = parseTime("start_time", sf.StartTime); err != nil {
		return nil, err
	}
	if st.EndTime, err = parseTime("end_time", sf.EndTime); err != nil {
		return nil, err
	}
	if es := sf.ExitStatus; es != nil {
		if *es > 128 && *es <= 128+64 {
			st.Signal = signalName(*es - 128)
		} else {
			st.ExitCode = *es
		}
	}
	return st, nil
}

func parseTime(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: not an RFC 3339 time", field, v)
	}
	return t.UTC(), nil
}

// signalName names Linux signal n the way kill -l does ("TERM"); others
// are given by number.
func signalName(n int) string {
	names := [...]string{1: "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
		"USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"}
	if n > 0 && n < len(names) {
		return names[n]
	}
	return fmt.Sprint(n)
}
