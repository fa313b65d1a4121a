package runfolder

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// supervisorAlive reports whether pid is a live (not zombie) process
// running dir's supervisor; see [ReadStatus] for how it decides.
func supervisorAlive(ctx context.Context, sh Shell, fsys FS, dir string, pid int) (bool, error) {
	return processAlive(ctx, sh, fsys, pid, path.Join(dir, SupervisorFile))
}

// processAlive reports whether pid is a live process that is not a
// zombie and, when arg is not empty, has arg among its arguments (which
// guards against a recycled pid). Without /proc it asks `kill -0` through
// sh; without sh either, it answers true.
func processAlive(ctx context.Context, sh Shell, fsys FS, pid int, arg string) (bool, error) {
	if pid <= 0 {
		return false, nil
	}
	stat, err := fsys.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	switch {
	case err == nil:
		if procState(stat) == "Z" {
			return false, nil
		}
		if arg == "" {
			return true, nil
		}
		cmdline, err := fsys.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		return err == nil && hasArg(cmdline, arg), err
	case errors.Is(err, fs.ErrNotExist):
		if _, perr := fsys.Stat("/proc/self/stat"); perr == nil {
			return false, nil
		}
	}
	if sh == nil {
		return true, nil
	}
	out, err := sh.Run(ctx, fmt.Sprintf("if kill -0 %d 2>/dev/null; then echo alive; else echo dead; fi", pid))
	if err != nil {
		return false, fmt.Errorf("runfolder: probe process %d: %w", pid, err)
	}
	return strings.TrimSpace(string(out)) == "alive", nil
}

// procState returns the state letter of a /proc/PID/stat line: the field
// after the command name, which is in parentheses and may hold anything.
func procState(stat []byte) string {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return ""
	}
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) == 0 {
		return ""
	}
	return fields[0]
}

// hasArg reports whether the NUL-separated cmdline holds arg.
func hasArg(cmdline []byte, arg string) bool {
	for _, a := range bytes.Split(cmdline, []byte{0}) {
		if string(a) == arg {
			return true
		}
	}
	return false
}
