package azuritetest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// BinaryEnv names the environment variable that, when set, holds the path of
// the azurite-blob executable to use.
const BinaryEnv = "AZUREML_GO_AZURITE"

// NotFoundError reports that no azurite-blob executable (or no node to run
// it) was found. Looked lists where [Find] searched.
type NotFoundError struct {
	Looked []string
	// Reason says what was missing, e.g. "node not on PATH".
	Reason string
}

// Error implements error.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("azuritetest: %s (looked at %s; run scripts/deps.sh)", e.Reason, strings.Join(e.Looked, ", "))
}

// CacheBinary returns where scripts/deps.sh installs azurite-blob:
// <user cache dir>/azureml-go/azurite/node_modules/.bin/azurite-blob.
func CacheBinary() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("azuritetest: %w", err)
	}
	return filepath.Join(dir, "azureml-go", "azurite", "node_modules", ".bin", "azurite-blob"), nil
}

// Find returns the path of the azurite-blob executable: $AZUREML_GO_AZURITE,
// then azurite-blob on PATH, then [CacheBinary]. It also checks that node,
// which runs it, is on PATH. The error is a *[NotFoundError].
func Find() (string, error) {
	var looked []string
	found := ""
	if p := os.Getenv(BinaryEnv); p != "" {
		looked = append(looked, "$"+BinaryEnv+"="+p)
		if isExec(p) {
			found = p
		}
	}
	if found == "" {
		looked = append(looked, "azurite-blob on PATH")
		if p, err := exec.LookPath("azurite-blob"); err == nil {
			found = p
		}
	}
	if found == "" {
		if p, err := CacheBinary(); err == nil {
			looked = append(looked, p)
			if isExec(p) {
				found = p
			}
		}
	}
	if found == "" {
		return "", &NotFoundError{Looked: looked, Reason: "azurite-blob not found"}
	}
	if _, err := exec.LookPath("node"); err != nil {
		return "", &NotFoundError{Looked: []string{"node on PATH"}, Reason: "node not on PATH"}
	}
	return found, nil
}

// isExec reports whether p is a regular file (after symlinks) with an
// execute bit.
func isExec(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// isNotFound reports whether err is a *NotFoundError.
func isNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}
