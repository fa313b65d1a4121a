package runfolder

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

// HostProbe caches what the supervisor would otherwise probe on its host
// at each start: whether env(1) supports --default-signal (to give the
// script default HUP, INT and QUIT dispositions). Share one across the
// starts on one host. The zero value is ready to use and it is safe for
// concurrent use.
type HostProbe struct {
	mu    sync.Mutex
	reset string // "reset", "noreset", or "" before a successful probe
}

// resetArg returns the supervisor's RESET argument, probing the host
// through sh the first time (or "" to let the supervisor probe, when the
// probe itself fails).
func (p *HostProbe) resetArg(ctx context.Context, sh Shell) string {
	if p == nil {
		return ""
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.reset != "" {
		return p.reset
	}
	const cmd = "if env --default-signal=HUP,INT,QUIT true 2>/dev/null; then echo reset; else echo noreset; fi"
	out, err := sh.Run(ctx, cmd)
	if v := strings.TrimSpace(string(out)); err == nil && (v == "reset" || v == "noreset") {
		p.reset = v
	}
	return p.reset
}

// Probe runs the host probe now (if it has not run yet), so that a later
// [Start] with this probe does not wait for it; call it concurrently with
// other preparation.
func (p *HostProbe) Probe(ctx context.Context, sh Shell) { p.resetArg(ctx, sh) }

// launcher is a [Shell] that can start the supervisor itself, without a
// shell in between, and tell when it has recorded its first status.
type launcher interface {
	// launch starts argv in a new session, detached from the caller, with
	// stdin /dev/null, stdout and stderr appended to logPath, and a
	// readiness pipe as file descriptor 3. It returns the pid and a
	// channel that is closed when every holder of the pipe's write end
	// has closed it (or exited).
	launch(argv []string, logPath string) (pid int, ready <-chan struct{}, err error)
}

// supervisorArgv is the supervisor's command line.
func supervisorArgv(dir, interp string, sf *specFile, startTime, reset string) []string {
	return []string{interp, path.Join(dir, SupervisorFile), dir, interp,
		seconds(sf.TimeoutSeconds), seconds(sf.GraceSeconds), startTime, reset}
}

// launchLocal starts the supervisor through l and waits (at most wait)
// for it to close its readiness pipe, then reads the first status.
func launchLocal(ctx context.Context, l launcher, fsys FS, dir string, o *StartOptions, sf *specFile, reset string) (int, error) {
	start := time.Now().UTC().Format(time.RFC3339Nano)
	pid, ready, err := l.launch(supervisorArgv(dir, o.Interpreter, sf, start, reset), path.Join(dir, DriverLog))
	if err != nil {
		return 0, &StartError{Dir: dir, Reason: err.Error()}
	}
	t := time.NewTimer(o.Wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-t.C:
		return 0, &StartError{Dir: dir, Reason: fmt.Sprintf("supervisor %d recorded no status within %v", pid, o.Wait),
			LogTail: logTail(fsys, dir)}
	case <-ready:
	}
	st, err := readStatus(ctx, fsys, dir)
	if err == nil && st.State == StateNotStarted {
		err = &StartError{Dir: dir, Reason: fmt.Sprintf("supervisor %d exited without recording a status", pid),
			LogTail: logTail(fsys, dir)}
	}
	if err != nil {
		return 0, err
	}
	return st.SupervisorPID, nil
}

// awaitEOF closes done once r reaches end-of-file (or fails), then closes r.
func awaitEOF(r io.ReadCloser, done chan<- struct{}) {
	var b [64]byte
	for {
		if _, err := r.Read(b[:]); err != nil {
			break
		}
	}
	_ = r.Close()
	close(done)
}

// openLog opens the driver log for appending, creating it.
func openLog(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
}
