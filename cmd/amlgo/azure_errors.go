package main

import (
	"errors"
	"strings"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/workspace"
)

// azureHint is the hint of an Azure-only command run in a local workspace.
const azureHint = "this needs an Azure workspace: put its config.json (downloaded from the Azure portal) in this folder or .azureml/, or pass --config FILE"

// hintedError gives err a CLI hint instead of the one classify would give.
type hintedError struct {
	err  error
	hint string
}

func (e *hintedError) Error() string { return e.err.Error() }
func (e *hintedError) Unwrap() error { return e.err }

// azureOnly gives the error of an Azure-only operation run in a local
// workspace (the compute package's *compute.UnsupportedError) the hint
// that says how to name an Azure workspace.
func azureOnly(ws *workspace.Workspace, err error) error {
	var un *compute.UnsupportedError
	if err != nil && ws.IsLocal() && errors.As(err, &un) {
		return &hintedError{err: err, hint: azureHint}
	}
	return err
}

// classifyAzure returns the exit code and hint of the errors of Azure
// commands and of flags the compute package validates; ok is false for
// any other error.
func classifyAzure(err error) (code int, hint string, ok bool) {
	var (
		he *hintedError
		ws *waitStoppedError
		ee *envError
		pc *compute.ProvisioningConfigError
		ac *compute.AttachConfigError
		ne *compute.NameError
		pe *compute.ProvisioningError
		se *compute.ServiceError
	)
	if errors.As(err, &he) {
		code, _ := classify(he.err)
		return code, he.hint, true
	}
	switch {
	case errors.As(err, &ws):
		return exitInterrupted, "the operation goes on in Azure; see it with: amlgo computetarget show " + ws.name, true
	case errors.As(err, &ee):
		return exitUsage, "fix or unset $" + ee.name + " (see 'go doc github.com/azureml-go/azureml/cmd/amlgo')", true
	case errors.Is(err, compute.ErrNotSupported):
		return exitUnsupported, "", true
	case errors.As(err, &pc):
		return exitUsage, "fix --" + flagOfField(pc.Field), true
	case errors.As(err, &ac):
		return exitUsage, "fix --" + flagOfField(ac.Field), true
	case errors.As(err, &ne):
		return exitUsage, "fix --name", true
	case errors.As(err, &pe):
		return exitError, "see the cluster with: amlgo computetarget show " + pe.Name, true
	case errors.As(err, &se):
		return exitError, "the service refused the request (" + se.Code + "); --verbose shows the HTTP exchange", true
	}
	return 0, "", false
}

// flagOfField names the flag of a configuration field of the compute
// package: RemoteVMAttachConfig's Go names, and the snake_case names of
// the provisioning and Azure attach configurations.
func flagOfField(field string) string {
	switch field {
	case "SSHPort":
		return "ssh-port"
	case "Password", "PasswordEnv", "password":
		return "password-env"
	case "PrivateKeyFile", "private_key":
		return "private-key-file"
	case "PrivateKeyPassphrase":
		return "passphrase-env"
	case "admin_user_password":
		return "admin-user-password-env"
	case "admin_user_ssh_key":
		return "admin-user-ssh-key-file"
	case "access_token":
		return "access-token-env"
	}
	return strings.ReplaceAll(strings.ToLower(field), "_", "-")
}
