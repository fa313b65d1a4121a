//go:build !unix

package runfolder

import "os/exec"

// detach is a no-op where sessions do not exist; the run-folder protocol
// itself needs a POSIX host.
func detach(*exec.Cmd) {}

// exitStatus returns the process's exit code.
func exitStatus(ee *exec.ExitError) int { return ee.ExitCode() }
