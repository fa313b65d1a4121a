package sshx

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"sync"
	"time"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// RetryOptions bounds the re-dials of a [Reconnecting] client; a nil
// *RetryOptions means the defaults.
type RetryOptions struct {
	// Attempts is the number of dials tried per operation; zero means 5.
	Attempts int
	// MinDelay is the pause after the first failed dial, doubling up to
	// MaxDelay; zero means 100 ms and 5 s.
	MinDelay, MaxDelay time.Duration
}

// Reconnecting is a [Client] that re-dials, with bounded exponential
// backoff, when the connection has dropped. File operations (its
// [Reconnecting.FS]) are retried on the new connection, since each is
// idempotent; a command ([Reconnecting.Run]) is retried only when the
// connection was lost before it started, never after. So a log follower
// (runfolder.Follow) over it rides out a dropped connection, and one over
// a plain Client can resume from the offset it returned. Reconnecting is
// safe for concurrent use.
type Reconnecting struct {
	cfg  Config
	opts RetryOptions

	mu     sync.Mutex
	c      *Client
	closed bool
}

var (
	_ runfolder.Shell = (*Reconnecting)(nil)
	_ runfolder.FS    = (*ReconnectingFS)(nil)
)

// NewReconnecting validates cfg and returns a client that dials on first
// use (it does no I/O itself).
func NewReconnecting(cfg Config, opts *RetryOptions) (*Reconnecting, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	o := RetryOptions{Attempts: 5, MinDelay: 100 * time.Millisecond, MaxDelay: 5 * time.Second}
	if opts != nil {
		o.Attempts = max(opts.Attempts, 0)
		o.MinDelay, o.MaxDelay = cmpOr(opts.MinDelay, o.MinDelay), cmpOr(opts.MaxDelay, o.MaxDelay)
	}
	if o.Attempts == 0 {
		o.Attempts = 5
	}
	return &Reconnecting{cfg: cfg, opts: o}, nil
}

// Client returns the live connection, dialing (with backoff) when there is
// none or it has dropped. Only [ErrUnreachable] failures are retried;
// authentication and host key errors are returned at once.
func (r *Reconnecting) Client(ctx context.Context) (*Client, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, ErrClosed
	}
	if r.c != nil && !r.c.lost() {
		return r.c, nil
	}
	if r.c != nil {
		_ = r.c.Close()
		r.c = nil
		r.cfg.Logger.Info("sshx: connection lost, re-dialing", slog.String("host", r.cfg.hostPort()))
	}
	delay := r.opts.MinDelay
	for attempt := 1; ; attempt++ {
		c, err := Dial(ctx, r.cfg)
		if err == nil {
			r.c = c
			return c, nil
		}
		if !errors.Is(err, ErrUnreachable) || attempt >= r.opts.Attempts {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, r.opts.MaxDelay)
	}
}

// Run implements runfolder.Shell like [Client.Run], on a live connection.
func (r *Reconnecting) Run(ctx context.Context, cmdline string) ([]byte, error) {
	for range 2 {
		c, err := r.Client(ctx)
		if err != nil {
			return nil, err
		}
		out, err := c.Run(ctx, cmdline)
		var ns *notStartedError
		if err != nil && errors.As(err, &ns) && !c.Alive(ctx) {
			r.discard(c)
			continue // the command never reached the host
		}
		return out, err
	}
	return nil, &DialError{Host: r.cfg.hostPort(), Err: errors.New("connection lost twice before the command started")}
}

// discard drops c if it is still the current connection, so the next
// operation dials a new one.
func (r *Reconnecting) discard(c *Client) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.c == c {
		_ = c.Close()
		r.c = nil
		r.cfg.Logger.Info("sshx: connection lost, re-dialing", slog.String("host", r.cfg.hostPort()))
	}
}

// FS returns file access whose operations re-dial and retry once when the
// connection has dropped.
func (r *Reconnecting) FS() *ReconnectingFS { return &ReconnectingFS{r: r} }

// Close closes the current connection; later calls fail with [ErrClosed].
func (r *Reconnecting) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	if r.c == nil {
		return nil
	}
	return r.c.Close()
}

// ReconnectingFS is runfolder.FS over a [Reconnecting] client. Its
// methods take no context (the interface has none): each dial is bounded
// by [Config.Timeout] and the [RetryOptions].
type ReconnectingFS struct{ r *Reconnecting }

// do runs op on a live connection, once more on a new one if the
// connection dropped under it.
func do[T any](f *ReconnectingFS, op func(*FS) (T, error)) (T, error) {
	var zero T
	for i := 0; ; i++ {
		c, err := f.r.Client(context.Background())
		if err != nil {
			return zero, err
		}
		v, err := op(c.FS())
		if err == nil || i == 1 || !errors.Is(err, ErrUnreachable) {
			return v, err
		}
		f.r.discard(c)
	}
}

// ReadFile implements runfolder.FS.
func (f *ReconnectingFS) ReadFile(name string) ([]byte, error) {
	return do(f, func(x *FS) ([]byte, error) { return x.ReadFile(name) })
}

// WriteFile implements runfolder.FS.
func (f *ReconnectingFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	_, err := do(f, func(x *FS) (struct{}, error) { return struct{}{}, x.WriteFile(name, data, perm) })
	return err
}

// ReadAt implements runfolder.FS.
func (f *ReconnectingFS) ReadAt(name string, p []byte, off int64) (int, error) {
	return do(f, func(x *FS) (int, error) { return x.ReadAt(name, p, off) })
}

// Stat implements runfolder.FS.
func (f *ReconnectingFS) Stat(name string) (fs.FileInfo, error) {
	return do(f, func(x *FS) (fs.FileInfo, error) { return x.Stat(name) })
}

// MkdirAll implements runfolder.FS.
func (f *ReconnectingFS) MkdirAll(name string, perm fs.FileMode) error {
	_, err := do(f, func(x *FS) (struct{}, error) { return struct{}{}, x.MkdirAll(name, perm) })
	return err
}

// Remove implements runfolder.FS. A retried remove whose first attempt
// did reach the host reports fs.ErrNotExist.
func (f *ReconnectingFS) Remove(name string) error {
	_, err := do(f, func(x *FS) (struct{}, error) { return struct{}{}, x.Remove(name) })
	return err
}

func cmpOr(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}
