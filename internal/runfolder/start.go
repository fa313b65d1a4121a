package runfolder

import (
	"cmp"
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
	// Probe, if not nil, caches the host probe the supervisor would
	// otherwise run at each start; see [HostProbe].
	Probe *HostProbe
}

// Start launches dir's supervisor detached from the caller (`setsid nohup
// ... </dev/null >>LOG 2>&1 &` through sh), so the run outlives the
// caller, its SSH session and its terminal. With a [LocalShell] on Unix
// it starts the supervisor itself, in a new session, and learns that the
// first status is recorded from a readiness pipe instead of polling. It
// returns the supervisor's
// pid once the supervisor has recorded its first status: Running, or
// already an end state for a very short script, a cancel requested before
// the start, or a start failure (which is recorded in the run's status,
// not returned as an error). A supervisor that dies without recording
// anything gives a [*StartError]; a run that was started before gives a
// [*StateError].
func Start(ctx context.Context, sh Shell, fsys FS, dir string, opts *StartOptions) (int, error) {
	o := StartOptions{Interpreter: "/bin/sh", Wait: DefaultStartWait}
	if opts != nil {
		o.Interpreter = cmp.Or(opts.Interpreter, o.Interpreter)
		o.Wait = cmpOr(opts.Wait, o.Wait)
		o.Probe = opts.Probe
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
	reset := o.Probe.resetArg(ctx, sh)
	if l, ok := sh.(launcher); ok {
		return launchLocal(ctx, l, fsys, dir, &o, sf, reset)
	}
	out, err := sh.Run(ctx, launchCommand(dir, o.Interpreter, sf, reset))
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
// The start time is left to the supervisor: the host's clock may not be
// this one's.
func launchCommand(dir, interp string, sf *specFile, reset string) string {
	argv := supervisorArgv(dir, interp, sf, "", reset)
	for i, a := range argv {
		argv[i] = quote(a)
	}
	return fmt.Sprintf("command -v setsid >/dev/null 2>&1 || { echo 'runfolder: setsid not found on PATH' >&2; exit 127; }; "+
		"setsid nohup %s </dev/null >>%s 2>&1 & echo $!", strings.Join(argv, " "), quote(path.Join(dir, DriverLog)))
}

// awaitFirstStatus polls status.json until it exists, the launched
// process dies, or wait elapses.
func awaitFirstStatus(ctx context.Context, sh Shell, fsys FS, dir string, pid int, wait time.Duration) (int, error) {
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	var st *Status
	err := poll(wctx, 2*time.Millisecond, 50*time.Millisecond, nil, func() (bool, error) {
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
// from lo, doubling up to hi, or less when w (which may be nil) reports a
// change; it returns ctx's error when ctx ends first.
func poll(ctx context.Context, lo, hi time.Duration, w waker, fn func() (bool, error)) error {
	t := time.NewTimer(lo)
	for d := lo; ; d = min(2*d, hi) {
		if done, err := fn(); done || err != nil {
			return err
		}
		if err := pause(ctx, t, d, w); err != nil {
			return err
		}
	}
}
