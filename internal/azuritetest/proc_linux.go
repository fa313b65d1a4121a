package azuritetest

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel send SIGTERM to the server when the
// process that started it dies without calling Close (a test binary
// killed by its timeout, a benchmark driver killed by SIGPIPE), so no
// orphan server is left behind.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
