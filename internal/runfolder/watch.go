package runfolder

import (
	"context"
	"errors"
	"path"
	"time"
)

// waker wakes a waiting follower when something changed in the folders
// it watches. A wake-up may be spurious; a change is never missed between
// the waker's creation and its Close.
type waker interface {
	C() <-chan struct{}
	Close() error
}

// watchFS is an [FS] that can watch folders for changes ([LocalFS] on
// Linux, through inotify). Where it is absent or fails, waiting polls.
type watchFS interface {
	watch(dirs ...string) (waker, error)
}

// errNoWatch reports that a platform has no folder watching.
var errNoWatch = errors.New("runfolder: watching folders is not supported here")

// watchRun watches dir (status.json, cancel) and its driver log's folder,
// or returns nil when fsys cannot.
func watchRun(fsys FS, dir string) waker {
	wf, ok := fsys.(watchFS)
	if !ok {
		return nil
	}
	w, err := wf.watch(dir, path.Join(dir, path.Dir(DriverLog)))
	if err != nil {
		return nil
	}
	return w
}

// pause waits d, or less when w (which may be nil) reports a change; it
// returns ctx's error when ctx ends first.
func pause(ctx context.Context, t *time.Timer, d time.Duration, w waker) error {
	var wake <-chan struct{}
	if w != nil {
		wake = w.C()
	}
	t.Reset(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
	case <-wake:
	}
	return nil
}
