package runfolder

import (
	"context"
	"fmt"
	"path"
	"time"
)

// Cancel stops the run and waits until it has ended, within ctx.
//
// It writes the cancel marker (holding grace), then sends SIGTERM to the
// supervisor, which sends SIGTERM to the script's process group, SIGKILL
// after grace (zero means [DefaultGrace]), and records Canceled. The
// escalation runs on the host, so it completes even if the caller dies
// or ctx ends first (Cancel then returns ctx's error). Cancel is
// idempotent:
//   - not started yet: the marker alone makes the supervisor record
//     Canceled without starting the script; Cancel returns nil at once;
//   - already Canceled: nil;
//   - already Completed or Failed, or it ended on its own before the
//     signal took effect: a [*StateError] matching [ErrFinished];
//   - supervisor dead: Cancel itself stops the script's process group
//     (if its leader is still alive and carries this run's [RunDirEnv])
//     and returns nil; the status stays Failed with ReasonSupervisorDied.
func Cancel(ctx context.Context, sh Shell, fsys FS, dir string, grace time.Duration) error {
	if grace <= 0 {
		grace = DefaultGrace
	}
	st, err := ReadStatus(ctx, sh, fsys, dir)
	if err != nil || st.Final() {
		return cancelResult(ctx, sh, fsys, dir, st, err, grace)
	}
	marker := []byte(seconds(grace.Seconds()) + "\n")
	if err := fsys.WriteFile(path.Join(dir, CancelFile), marker, 0o644); err != nil {
		return fmt.Errorf("runfolder: cancel %s: %w", dir, err)
	}
	// Read again after the marker exists: a supervisor that had not yet
	// recorded Running will see the marker itself.
	if st, err = ReadStatus(ctx, sh, fsys, dir); err != nil || st.State == StateNotStarted {
		return err
	}
	if !st.Final() {
		// Errors are ignored: a supervisor that just exited is detected below.
		_, _ = sh.Run(ctx, fmt.Sprintf("kill -TERM %d 2>/dev/null", st.SupervisorPID))
		st, err = Wait(ctx, sh, fsys, dir)
	}
	return cancelResult(ctx, sh, fsys, dir, st, err, grace)
}

// cancelResult maps the run's end (or err) to Cancel's result.
func cancelResult(ctx context.Context, sh Shell, fsys FS, dir string, st *Status, err error, grace time.Duration) error {
	switch {
	case err != nil:
		return err
	case st.State == StateCanceled:
		return nil
	case st.Reason == ReasonSupervisorDied:
		return killOrphans(ctx, sh, fsys, dir, st.PGID, grace)
	default:
		return &StateError{Op: "cancel", Dir: dir, State: st.State}
	}
}

// killOrphans stops the process group of a run whose supervisor died, if
// the group's leader is alive and provably the run's script (its
// environment holds RunDirEnv=dir), so a recycled pid is never killed.
func killOrphans(ctx context.Context, sh Shell, fsys FS, dir string, pgid int, grace time.Duration) error {
	if pgid <= 0 {
		return nil
	}
	env, err := fsys.ReadFile(fmt.Sprintf("/proc/%d/environ", pgid))
	if err != nil || !hasArg(env, RunDirEnv+"="+dir) {
		return nil
	}
	tenths := max(int(grace/(100*time.Millisecond)), 1)
	script := fmt.Sprintf("kill -TERM -%[1]d 2>/dev/null || exit 0; i=0; "+
		"while [ $i -lt %[2]d ] && kill -0 -%[1]d 2>/dev/null; do sleep 0.1; i=$((i+1)); done; "+
		"kill -KILL -%[1]d 2>/dev/null; exit 0", pgid, tenths)
	if _, err := sh.Run(ctx, script); err != nil {
		return fmt.Errorf("runfolder: cancel %s: stop process group %d: %w", dir, pgid, err)
	}
	return nil
}

// Wait polls the run until it ends and returns its final status (or the
// status last read, with ctx's error, when ctx ends first). On the local
// disk under Linux it wakes on inotify events instead of sleeping. A dead
// supervisor ends the wait with Failed, as in [ReadStatus].
func Wait(ctx context.Context, sh Shell, fsys FS, dir string) (*Status, error) {
	var st *Status
	lastProbe := time.Now()
	w := watchRun(fsys, dir)
	if w != nil {
		defer w.Close()
	}
	err := poll(ctx, 5*time.Millisecond, 100*time.Millisecond, w, func() (bool, error) {
		cur, err := readStatus(ctx, fsys, dir)
		if err != nil {
			return true, err
		}
		st = cur
		if st.Final() || time.Since(lastProbe) < time.Second {
			return st.Final(), nil
		}
		lastProbe = time.Now()
		if st, err = ReadStatus(ctx, sh, fsys, dir); err != nil {
			return true, err
		}
		return st.Final(), nil
	})
	return st, err
}
