//go:build !linux

package runfolder

// watch implements watchFS: not available here, so waiting polls.
func (LocalFS) watch(...string) (waker, error) { return nil, errNoWatch }
