package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/conda"
	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/runconfig"
	"github.com/azureml-go/azureml/snapshot"
	"github.com/azureml-go/azureml/workspace"
)

// The exit codes of amlgo (documented in doc.go).
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitNotFound    = 3
	exitAuth        = 4
	exitRunFailed   = 5
	exitRunCanceled = 6
	exitUnsupported = 7
	exitInterrupted = 130
)

// runEndedError reports a run that ended Failed or Canceled, after its
// details were printed.
type runEndedError struct {
	runID  string
	status experiment.Status
	reason string
}

func (e *runEndedError) Error() string {
	msg := fmt.Sprintf("run %s ended %s", e.runID, e.status)
	if e.reason != "" {
		msg += ": " + e.reason
	}
	return msg
}

// classify returns the exit code of err and the hint that fixes it.
func classify(err error) (int, string) {
	var (
		ue   *usageError
		rf   *experiment.RunFailedError
		re   *runEndedError
		wi   *experiment.WaitInterruptedError
		un   *compute.UnsupportedError
		ce   *compute.CredentialsError
		conn *compute.ConnectError
		cf   *compute.ConflictError
		nc   *compute.NoCondaError
	)
	if code, hint, ok := classifyAzure(err); ok {
		return code, hint
	}
	switch {
	case errors.As(err, &ue):
		return exitUsage, "see '" + ue.cmd + " --help'"
	case errors.As(err, &wi):
		return exitInterrupted, "the run goes on; re-attach with: amlgo run wait " + wi.RunID
	case errors.As(err, &rf):
		return exitRunFailed, "see the whole log with: amlgo run logs " + rf.RunID
	case errors.As(err, &re):
		code := exitRunFailed
		if re.status == experiment.StatusCanceled {
			code = exitRunCanceled
		}
		return code, "see the log with: amlgo run logs " + re.runID
	case errors.As(err, &un):
		return exitUnsupported, un.Hint
	case errors.As(err, &ce):
		if ce.PasswordEnv != "" {
			return exitAuth, "export the password in $" + ce.PasswordEnv + " (the variable the target was attached with)"
		}
		return exitAuth, "re-attach the target with --password-env VAR or --private-key-file FILE"
	case errors.As(err, &conn):
		return exitAuth, "check --address and --ssh-port, the credentials, and the host key in known_hosts (--accept-unknown-host trusts a new host once)"
	case errors.Is(err, workspace.ErrUnauthorized):
		return exitAuth, "sign in (az login) or set the AZURE_* variables of azidentity's DefaultAzureCredential"
	case errors.Is(err, experiment.ErrRunNotFound):
		return exitNotFound, "list runs with: amlgo run list -e EXPERIMENT"
	case errors.Is(err, compute.ErrNotFound):
		return exitNotFound, "list compute targets with: amlgo computetarget list"
	case errors.Is(err, workspace.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		return exitNotFound, "check the path or name"
	case errors.As(err, &cf):
		return exitError, "choose another --name, or detach it first: amlgo computetarget detach " + cf.Name
	case errors.As(err, &nc):
		return exitError, "install conda, mamba or micromamba, or run with a user-managed interpreter (--python python3)"
	}
	return exitError, inputHint(err)
}

// inputHint is the hint of an invalid input reported by a library package.
func inputHint(err error) string {
	var (
		rv *runconfig.ValidationError
		ev *experiment.ValidationError
		cv *conda.ValidationError
		le *snapshot.LimitError
		wc *workspace.ConfigError
	)
	switch {
	case errors.As(err, &rv), errors.As(err, &ev):
		return "fix the field named above; 'amlgo runconfig validate NAME' lists every problem of a run configuration"
	case errors.As(err, &cv):
		return "fix the " + cv.Field + " entry"
	case errors.As(err, &le):
		return "exclude the largest entries in an .amlignore file; 'amlgo snapshot ls DIR' shows them"
	case errors.As(err, &wc):
		return "fix " + wc.Path + ", or pass --workspace-dir DIR for a local workspace"
	}
	return ""
}

// report writes err and its hint as one line on stderr (the whole text of
// a multi-line error with --verbose) and returns the exit code.
func (a *app) report(err error) int {
	code, hint := classify(err)
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 && !a.verbose {
		msg = msg[:i]
	}
	if hint != "" && !strings.HasSuffix(msg, hint) {
		msg += "; hint: " + hint
	}
	if !strings.HasPrefix(msg, "amlgo") {
		msg = "amlgo: " + msg
	}
	fmt.Fprintln(a.stderr, msg)
	return code
}
