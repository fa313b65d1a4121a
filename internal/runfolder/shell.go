package runfolder

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"time"
)

// maxStderr bounds the standard error kept in an [*ExitError].
const maxStderr = 4 << 10

// LocalShell is [Shell] on the local machine: each command line runs as
// `/bin/sh -c CMDLINE` in a new session (on Unix), so a terminal's Ctrl-C
// never reaches what it starts. Canceling ctx kills that session's process
// group; processes that moved to a session of their own (like the run
// supervisor) are not affected.
type LocalShell struct {
	// Path is the shell to run; "" means /bin/sh.
	Path string
}

var _ Shell = LocalShell{}

// Run implements [Shell].
func (s LocalShell) Run(ctx context.Context, cmdline string) ([]byte, error) {
	bin := s.Path
	if bin == "" {
		bin = "/bin/sh"
	}
	cmd := exec.CommandContext(ctx, bin, "-c", cmdline)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	detach(cmd)
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) && ctx.Err() == nil {
		msg := stderr.String()
		if len(msg) > maxStderr {
			msg = msg[len(msg)-maxStderr:]
		}
		return stdout.Bytes(), &ExitError{Status: exitStatus(ee), Stderr: msg}
	}
	if err != nil && ctx.Err() != nil {
		return stdout.Bytes(), ctx.Err()
	}
	return stdout.Bytes(), err
}

// quote returns s as one single-quoted POSIX shell word.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
