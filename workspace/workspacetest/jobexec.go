package workspacetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// killGrace is how long a canceled command has between SIGTERM and
// SIGKILL.
const killGrace = 2 * time.Second

// timeoutError is the cause of a job stopped by its limits.timeout.
type timeoutError struct{ limit string }

func (e *timeoutError) Error() string {
	return "The job exceeded its limits.timeout of " + e.limit + " and was canceled."
}

// execJob runs the command with sh -c in dir, its output (stdout and
// stderr together) going to logPath and from there to the user log in
// storage as it grows. It returns the job's error: nil on exit 0 or when
// ctx (cancel) stopped it, a UserError with the log's tail otherwise.
func (s *Server) execJob(ctx context.Context, j *job, dir, logPath string) *ErrorDetail {
	logf, err := os.Create(logPath)
	if err != nil {
		return &ErrorDetail{Code: "SystemError", Message: "workspacetest: " + err.Error()}
	}
	defer logf.Close()
	runCtx, stop := ctx, context.CancelFunc(func() {})
	if j.plan.timeout > 0 {
		runCtx, stop = context.WithTimeoutCause(ctx, j.plan.timeout, &timeoutError{limit: j.plan.spec.Limits.Timeout})
	}
	defer stop()
	cmd := exec.Command("sh", "-c", j.plan.command)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, logf, logf
	cmd.Env = s.jobEnv(j)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	shipper := s.startLogShipper(j, logPath)
	s.setStatus(j, statusRunning)
	if err := cmd.Start(); err != nil {
		shipper.stop()
		return &ErrorDetail{Code: "UserError", Message: "workspacetest: starting the command: " + err.Error()}
	}
	waitErr := waitOrKill(runCtx, cmd)
	shipper.stop()
	if runCtx.Err() != nil {
		if context.Cause(runCtx) != nil && ctx.Err() == nil { // the timeout, not a cancel
			return &ErrorDetail{Code: "JobTimeout", Message: context.Cause(runCtx).Error()}
		}
		return nil
	}
	var exitErr *exec.ExitError
	if errors.As(waitErr, &exitErr) {
		return &ErrorDetail{Code: "UserError", Message: fmt.Sprintf(
			"Execution failed. User process 'sh -c' exited with status code %d. Last lines of %s:\n%s",
			exitErr.ExitCode(), userLogName, logTail(logPath, 20))}
	}
	if waitErr != nil {
		return &ErrorDetail{Code: "SystemError", Message: "workspacetest: " + waitErr.Error()}
	}
	return nil
}

// waitOrKill waits for the command; when ctx ends first it sends SIGTERM
// to the process group, then SIGKILL after killGrace. The group is always
// killed at the end, so no child outlives the job.
func waitOrKill(ctx context.Context, cmd *exec.Cmd) error {
	pgid := cmd.Process.Pid
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case err = <-done:
		case <-time.After(killGrace):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			err = <-done
		}
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL) // stragglers of the group
	return err
}

// jobEnv is this process's environment plus the job's variables and the
// run's identity, as the service sets them on a node.
func (s *Server) jobEnv(j *job) []string {
	env := os.Environ()
	p := j.plan
	for k, v := range p.spec.EnvironmentVariables {
		env = append(env, k+"="+v)
	}
	experiment := p.spec.ExperimentName
	if experiment == "" {
		experiment = "Default"
	}
	return append(env,
		"AZUREML_RUN_ID="+j.name,
		"AZUREML_EXPERIMENT_NAME="+experiment,
		"AZUREML_ARM_SUBSCRIPTION="+s.opts.SubscriptionID,
		"AZUREML_ARM_RESOURCEGROUP="+s.opts.ResourceGroup,
		"AZUREML_ARM_WORKSPACE_NAME="+s.opts.Workspace,
		"AZUREML_ARM_PROJECT_NAME="+experiment,
		"AZUREML_COMPUTE_NAME="+p.compute.name,
		fmt.Sprintf("AZUREML_NODE_COUNT=%d", p.instances),
		"PYTHONUNBUFFERED=1",
	)
}

// logTail returns the last n lines of the file (at most 4 KiB).
func logTail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if len(b) > 4096 {
		b = b[len(b)-4096:]
	}
	lines := strings.Split(strings.TrimRight(string(bytes.ToValidUTF8(b, nil)), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
