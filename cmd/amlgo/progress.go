package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"
)

// watch runs work while showing label, the state that state reports and
// the elapsed time. On a terminal the line is rewritten in place every
// 200 ms; otherwise a plain line is printed whenever the state changes.
// A final line gives the last state and the elapsed time. Nothing is shown
// with --quiet.
func (a *app) watch(ctx context.Context, label string, state func(context.Context) string, work func() error) error {
	w := a.progressOut()
	if w == nil {
		return work()
	}
	tty := a.ttyOf(w)
	start := time.Now()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		showStates(ctx, w, tty, label, start, state, stop)
	}()
	err := work()
	close(stop)
	wg.Wait()
	if tty {
		fmt.Fprint(w, "\r\033[K")
	}
	fmt.Fprintf(w, "%s: %s (%s)\n", label, state(ctx), elapsed(start))
	return err
}

// showStates prints the progress of watch until stop is closed.
func showStates(ctx context.Context, w io.Writer, tty bool, label string, start time.Time, state func(context.Context) string, stop <-chan struct{}) {
	every := time.Second
	if tty {
		every = 200 * time.Millisecond
	}
	t := time.NewTicker(every)
	defer t.Stop()
	last := ""
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s := state(ctx)
		switch {
		case tty:
			fmt.Fprintf(w, "\r\033[K%s: %s %s", label, s, elapsed(start))
		case s != last && s != "":
			fmt.Fprintf(w, "%s: %s (%s)\n", label, s, elapsed(start))
		}
		last = s
	}
}

func elapsed(start time.Time) string {
	return time.Since(start).Round(100 * time.Millisecond).String()
}

// ttyOf reports whether w is the terminal of stdout or stderr.
func (a *app) ttyOf(w io.Writer) bool {
	return (w == a.stdout && a.tty) || (w == a.stderr && a.ttyErr)
}

// notef writes a progress note (a plain line) unless --quiet.
func (a *app) notef(format string, args ...any) {
	if w := a.progressOut(); w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// stderrf writes a note line on stderr.
func (a *app) stderrf(format string, args ...any) {
	fmt.Fprintf(a.stderr, format+"\n", args...)
}
