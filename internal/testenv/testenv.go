// Package testenv decides whether integration tests run, skip or fail.
//
// Integration tests need real tools on the machine (git, sshd, podman,
// Azurite...). On a developer laptop that lacks one, the test skips with a
// message naming the tool. When AZUREML_GO_INTEGRATION=require (as set by the
// project's test command and CI), a missing tool fails the test instead, so a
// green run always means the integration tests really ran.
package testenv

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// EnvVar is the environment variable that turns missing tools into failures.
const EnvVar = "AZUREML_GO_INTEGRATION"

// Required reports whether integration tests must run (EnvVar=require).
func Required() bool { return os.Getenv(EnvVar) == "require" }

// Missing marks the test as unable to run because tool is absent: it fails
// the test when integration is required and skips it otherwise. why says
// what was looked for, e.g. "git not on PATH".
func Missing(t testing.TB, tool, why string) {
	t.Helper()
	if Required() {
		t.Fatalf("integration tool %s is missing (%s) and %s=require", tool, why, EnvVar)
	}
	t.Skipf("skipping: integration tool %s is missing (%s); set up the machine with `make deps`", tool, why)
}

// LookPath returns the absolute path of the named executable, or marks the
// test as missing that tool (see [Missing]).
func LookPath(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, "not on PATH")
	}
	return p
}

// File returns path if it exists, or marks the test as missing tool.
func File(t testing.TB, tool, path string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		Missing(t, tool, path+" not found")
	}
	return path
}

// SharedTool returns the path of a tool from the project's shared folder
// (../shared/tools relative to the module root, or $AZUREML_GO_SHARED/tools),
// or marks the test as missing it.
func SharedTool(t testing.TB, rel string) string {
	t.Helper()
	base := os.Getenv("AZUREML_GO_SHARED")
	if base == "" {
		root, err := moduleRoot()
		if err != nil {
			Missing(t, rel, err.Error())
		}
		base = filepath.Join(root, "..", "shared")
	}
	return File(t, rel, filepath.Join(base, "tools", rel))
}

// moduleRoot walks up from the working directory to the folder with go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}
