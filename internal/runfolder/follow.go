package runfolder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"time"
)

// FollowOptions tunes [Follow]; a nil *FollowOptions means the defaults.
type FollowOptions struct {
	// MinInterval is the poll interval right after new output; zero
	// means 10 ms.
	MinInterval time.Duration
	// MaxInterval caps the interval, which doubles while the log is idle;
	// zero means 50 ms. A line reaches w at most about MaxInterval after
	// it is written, plus the time to read it.
	MaxInterval time.Duration
	// Shell, if not nil, lets Follow probe the supervisor with `kill -0`
	// on hosts without /proc (see [ReadStatus]).
	Shell Shell
}

// probeEvery is how often a follower checks that a Running run's
// supervisor is still alive.
const probeEvery = time.Second

// Follow copies the driver log to w from byte offset from, as it grows,
// until the run has ended and the log is fully drained, then returns the
// offset after the last byte written and the final status. Because the
// supervisor writes its last log line before the final status, nothing is
// lost: a caller that resumes from next after a dropped connection gets
// no gap and no duplicate.
//
// On the local disk under Linux it waits for inotify events (the log
// grew, status.json was replaced), so output and the run's end are seen
// at once; MaxInterval then only bounds the wait between checks. Elsewhere
// (an SFTP FS, other systems) it polls: at MinInterval after output,
// doubling to MaxInterval while the log is idle. A Running run whose supervisor has died ends the follow
// with Failed, as [ReadStatus] reports it. When ctx ends, Follow stops
// (never the run) and returns the offset reached, the status last read
// (nil if none) and ctx's error. A write error from w stops it too.
func Follow(ctx context.Context, fsys FS, dir string, from int64, w io.Writer, opts *FollowOptions) (next int64, st *Status, err error) {
	f := follower{fsys: fsys, dir: dir, name: path.Join(dir, DriverLog), off: from,
		w: w, buf: make([]byte, 64<<10), lo: 10 * time.Millisecond, hi: 50 * time.Millisecond}
	if opts != nil {
		f.sh = opts.Shell
		f.lo = cmpOr(opts.MinInterval, f.lo)
		f.hi = max(cmpOr(opts.MaxInterval, f.hi), f.lo)
	}
	if from < 0 {
		return from, nil, &SpecError{Field: "from", Value: fmt.Sprint(from), Reason: "must be >= 0"}
	}
	if f.wake = watchRun(fsys, dir); f.wake != nil {
		defer f.wake.Close()
	}
	st, err = f.run(ctx)
	return f.off, st, err
}

type follower struct {
	fsys      FS
	sh        Shell
	dir, name string
	off       int64
	w         io.Writer
	buf       []byte
	lo, hi    time.Duration
	probed    time.Time
	wake      waker // nil: poll
}

func (f *follower) run(ctx context.Context) (*Status, error) {
	var st *Status
	t := time.NewTimer(f.lo)
	for d := f.lo; ; {
		n, err := f.drain()
		if err != nil {
			return st, err
		}
		// The status is read when the log is idle, and once at the start
		// so that a follow that ctx ends while output flows still returns
		// one.
		if n == 0 || st == nil {
			if st, err = f.status(ctx); err != nil || st.Final() {
				if err == nil {
					_, err = f.drain() // output written before the final status
				}
				return st, err
			}
		}
		if n > 0 {
			d = f.lo
		} else {
			d = min(2*d, f.hi)
		}
		if err := pause(ctx, t, d, f.wake); err != nil {
			return st, err
		}
	}
}

// drain writes everything the log holds beyond f.off.
func (f *follower) drain() (int64, error) {
	var total int64
	for {
		fi, err := f.fsys.Stat(f.name)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Size() <= f.off) {
			return total, nil
		}
		if err != nil {
			return total, fmt.Errorf("runfolder: follow %s: %w", f.name, err)
		}
		n, err := f.fsys.ReadAt(f.name, f.buf[:min(int64(len(f.buf)), fi.Size()-f.off)], f.off)
		if err != nil && !errors.Is(err, io.EOF) {
			return total, fmt.Errorf("runfolder: follow %s: %w", f.name, err)
		}
		if n == 0 {
			return total, nil
		}
		m, werr := f.w.Write(f.buf[:n])
		f.off += int64(m)
		total += int64(m)
		if werr != nil {
			return total, werr
		}
	}
}

// status reads status.json, and about once a second checks that a
// Running run's supervisor is alive.
func (f *follower) status(ctx context.Context) (*Status, error) {
	st, err := readStatus(ctx, f.fsys, f.dir)
	if err != nil || st.State != StateRunning || time.Since(f.probed) < probeEvery {
		return st, err
	}
	f.probed = time.Now()
	return ReadStatus(ctx, f.sh, f.fsys, f.dir)
}

func cmpOr(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}
