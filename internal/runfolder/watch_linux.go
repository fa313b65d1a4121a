//go:build linux

package runfolder

import (
	"errors"
	"os"
	"syscall"
)

// inotifyMask: content written, a file closed after writing, a file
// renamed into or created in the folder (status.json, the cancel marker).
const inotifyMask = syscall.IN_MODIFY | syscall.IN_CLOSE_WRITE | syscall.IN_MOVED_TO | syscall.IN_CREATE

// inotifyWaker is a [waker] over one inotify instance. Its descriptor is
// non-blocking, so os.NewFile puts it in the runtime's poller and Close
// interrupts the reading goroutine.
type inotifyWaker struct {
	f *os.File
	c chan struct{}
}

// watch implements watchFS with inotify.
func (LocalFS) watch(dirs ...string) (waker, error) {
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC | syscall.IN_NONBLOCK)
	if err != nil {
		return nil, os.NewSyscallError("inotify_init1", err)
	}
	for _, d := range dirs {
		if _, err := syscall.InotifyAddWatch(fd, d, inotifyMask); err != nil {
			_ = syscall.Close(fd)
			return nil, &os.PathError{Op: "inotify_add_watch", Path: d, Err: err}
		}
	}
	w := &inotifyWaker{f: os.NewFile(uintptr(fd), "inotify"), c: make(chan struct{}, 1)}
	go w.read()
	return w, nil
}

// read turns each batch of events into one pending wake-up, until Close.
func (w *inotifyWaker) read() {
	buf := make([]byte, 4096)
	for {
		_, err := w.f.Read(buf)
		if err != nil && !errors.Is(err, syscall.EINTR) {
			return
		}
		select {
		case w.c <- struct{}{}:
		default:
		}
	}
}

func (w *inotifyWaker) C() <-chan struct{} { return w.c }

// Close releases the inotify instance in the background: the kernel
// takes milliseconds to tear one down (an RCU grace period), and
// os.File.Close of a pollable descriptor waits for that, which would
// delay the caller's return (Follow's, once the run has ended).
func (w *inotifyWaker) Close() error {
	go func() { _ = w.f.Close() }()
	return nil
}
