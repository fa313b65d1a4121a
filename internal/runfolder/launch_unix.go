//go:build unix

package runfolder

import (
	"os"
	"os/exec"
	"syscall"
)

var _ launcher = LocalShell{}

// launch implements launcher: the supervisor is this process's child in a
// session of its own (so no terminal signal reaches it, and it outlives
// this process), reaped by a goroutine when it exits first.
func (LocalShell) launch(argv []string, logPath string) (int, <-chan struct{}, error) {
	log, err := openLog(logPath)
	if err != nil {
		return 0, nil, err
	}
	defer log.Close()
	r, w, err := os.Pipe()
	if err != nil {
		return 0, nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	err = cmd.Start()
	_ = w.Close() // the supervisor holds its own copy now
	if err != nil {
		_ = r.Close()
		return 0, nil, err
	}
	go func() { _ = cmd.Wait() }()
	ready := make(chan struct{})
	go awaitEOF(r, ready)
	return cmd.Process.Pid, ready, nil
}
