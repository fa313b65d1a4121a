package runfolder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
)

// DefaultStartWait bounds how long [Start] waits for the supervisor's
// first status when [StartOptions.Wait] is zero.
const DefaultStartWait = 30 * time.Second

// StartOptions tunes [Start]; a nil *StartOptions means the defaults.
type StartOptions struct {
	// Interpreter is the POSIX shell that runs the supervisor and
	// command.sh; "" means /bin/sh.
	Interpreter string
	// Wait bounds the wait for the supervisor to record Running (or a
	// start failure); zero means [DefaultStartWait].
	Wait time.Duration
}

// Start launches dir's supervisor detached from the caller (`setsid nohup
// ... </dev/null >>LOG 2>&1 &` through sh), so the run outlives the
// caller, its SSH session and its terminal. It returns the supervisor's
// pid once the supervisor has recorded its first status: Running, or
// already an end state for a very short script, a cancel requested before
// the start, or a start failure (which is recorded in the run's status,
// not returned as an error). A supervisor that dies without recording
// anything gives a [*StartError]; a run that was started before gives a
// [*StateError].
func Start(ctx context.Context, sh Shell, fsys FS, dir string, opts *StartOptions) (int, error) {
	o := StartOptions{Interpreter: "/bin/sh", Wait: DefaultStartWait}
	if opts != nil && opts.Interpreter != "" {
		o.Interpreter = opts.Interpreter
	}
	if opts != nil && opts.Wait > 0 {
		o.Wait = opts.Wait
	}
	sf, err := readSpecFile(ctx, fsys, dir)
	if err != nil {
		return 0, err
	}
	if st, err := readStatus(ctx, fsys, dir); err != nil {
		return 0, err
	} else if st.State != StateNotStarted {
		return 0, &StateError{Op: "start", Dir: dir, State: st.State}
	}
	out, err := sh.Run(ctx, launchCommand(dir, o.Interpreter, sf))
	if err != nil {
		return 0, fmt.Errorf("runfolder: start %s: %w", dir, err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil || pid <= 0 {
		return 0, &StartError{Dir: dir, Reason: fmt.Sprintf("launcher printed %q, not a pid", out)}
	}
	return awaitFirstStatus(ctx, sh, fsys, dir, pid, o.Wait)
}

// launchCommand is the detached launch: `;` (never `&&`) before the
// background job, so the session's stdout is not held open.
func launchCommand(dir, interp string, sf *specFile) string {
	return fmt.Sprintf("command -v setsid >/dev/null 2>&1 || { echo 'runfolder: setsid not found on PATH' >&2; exit 127; }; "+
		"setsid nohup %s %s %s %s %s %s </dev/null >>%s 2>&1 & echo $!",
		quote(interp), quote(path.Join(dir, SupervisorFile)), quote(dir), quote(interp),
		seconds(sf.TimeoutSeconds), seconds(sf.GraceSeconds), quote(path.Join(dir, DriverLog)))
}

// awaitFirstStatus polls status.json until it exists, the launched
// process dies, or wait elapses.
func awaitFirstStatus(ctx context.Context, sh Shell, fsys FS, dir string, pid int, wait time.Duration) (int, error) {
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	var st *Status
	err := poll(wctx, 2*time.Millisecond, 50*time.Millisecond, func() (bool, error) {
		var err error
		if st, err = readStatus(wctx, fsys, dir); err != nil || st.State != StateNotStarted {
			return true, err
		}
		alive, err := processAlive(wctx, sh, fsys, pid, "")
		if err != nil || alive {
			return false, err
		}
		st, err = readStatus(wctx, fsys, dir)
		if err == nil && st.State == StateNotStarted {
			err = &StartError{Dir: dir, Reason: fmt.Sprintf("supervisor %d exited without recording a status", pid),
				LogTail: logTail(fsys, dir)}
		}
		return true, err
	})
	if err != nil && ctx.Err() == nil && wctx.Err() != nil {
		err = &StartError{Dir: dir, Reason: fmt.Sprintf("supervisor %d recorded no status within %v", pid, wait),
			LogTail: logTail(fsys, dir)}
	}
	if err != nil {
		return 0, err
	}
	return st.SupervisorPID, nil
}

// logTail returns the last KiB of the driver log, or "".
func logTail(fsys FS, dir string) string {
	name := path.Join(dir, DriverLog)
	fi, err := fsys.Stat(name)
	if err != nil {
		return ""
	}
	off := max(fi.Size()-1024, 0)
	buf := make([]byte, fi.Size()-off)
	n, err := fsys.ReadAt(name, buf, off)
	if err != nil && !errors.Is(err, io.EOF) {
		return ""
	}
	return string(buf[:n])
}

// poll calls fn until it reports done or fails, sleeping between calls
// from lo, doubling up to hi; it returns ctx's error when ctx ends first.
func poll(ctx context.Context, lo, hi time.Duration, fn func() (bool, error)) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for d := lo; ; d = min(2*d, hi) {
		if done, err := fn(); done || err != nil {
			return err
		}
		t.Reset(d)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
