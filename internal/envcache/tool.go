package envcache

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ToolNames are the conda-compatible tools looked for on PATH, in order.
func ToolNames() []string { return []string{"conda", "mamba", "micromamba"} }

// FindTool returns the path of the tool to build with: command (a path or
// a name on PATH) when set, else the first of [ToolNames] on PATH. It
// returns a *NoToolError when there is none.
func FindTool(command string) (string, error) {
	names := ToolNames()
	if command != "" {
		names = []string{command}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", &NoToolError{Looked: names}
}

// ToolArgs returns the arguments (after the tool itself) that create an
// environment at prefix from the environment file yml.
func ToolArgs(tool, prefix, yml string) []string {
	if strings.HasPrefix(filepath.Base(tool), "micromamba") {
		return []string{"create", "--yes", "--prefix", prefix, "--file", yml}
	}
	return []string{"env", "create", "--prefix", prefix, "--file", yml, "--quiet"}
}

// runTool runs the tool in its own process group, killed as a whole when
// ctx is done. Its output goes to out, and its last 2 KiB into the error.
func runTool(ctx context.Context, tool, prefix, yml string, out io.Writer) error {
	tail := &tailBuffer{max: 2048}
	var w io.Writer = tail
	if out != nil {
		w = io.MultiWriter(out, tail)
	}
	cmd := exec.CommandContext(ctx, tool, ToolArgs(tool, prefix, yml)...)
	cmd.Stdout, cmd.Stderr = w, w
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", ctx.Err())
		}
		if s := strings.TrimSpace(tail.String()); s != "" {
			return fmt.Errorf("%w; output ends with:\n%s", err, s)
		}
		return err
	}
	return nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	buf bytes.Buffer
	max int
}

// Write implements io.Writer.
func (t *tailBuffer) Write(p []byte) (int, error) {
	t.buf.Write(p)
	if extra := t.buf.Len() - t.max; extra > 0 {
		t.buf.Next(extra)
	}
	return len(p), nil
}

// String returns what is kept.
func (t *tailBuffer) String() string { return t.buf.String() }
