package ignore

import "sync"

// prefetchWorkers is how many folders are read ahead of the walk. Reading is
// mostly system calls, so two readers keep two cores busy while the walk
// itself matches and reports paths in order.
const prefetchWorkers = 2

// prefetchQueue bounds the folders waiting to be read; beyond it a folder is
// read by the walk itself when it gets there.
const prefetchQueue = 1024

// pending is a folder requested from the prefetcher.
type pending struct {
	rel    string
	frames []frame // the ignore files that apply to the folder's entries
	queued bool
	done   chan struct{}
	l      *listing
}

// prefetcher reads folders on a few goroutines while the walk, the only
// caller of request and wait, consumes them in its own deterministic order.
// Only folders the rules keep are ever requested.
type prefetcher struct {
	fsys dirReader
	work chan *pending
	quit chan struct{}
	wg   sync.WaitGroup
	s    *scratch // the walk's own working memory
}

func newPrefetcher(fsys dirReader, workers int) *prefetcher {
	pf := &prefetcher{fsys: fsys, s: newScratch()}
	if workers <= 0 {
		return pf
	}
	pf.work = make(chan *pending, prefetchQueue)
	pf.quit = make(chan struct{})
	for range workers {
		pf.wg.Add(1)
		go pf.worker()
	}
	return pf
}

// worker reads queued folders until the prefetcher is closed.
func (pf *prefetcher) worker() {
	defer pf.wg.Done()
	s := newScratch()
	for {
		select {
		case <-pf.quit:
			return
		case p := <-pf.work:
			p.l = pf.fsys.list(p.rel, p.frames, s)
			close(p.done)
		}
	}
}

// request asks for the folder rel, whose entries frames decide, to be
// read soon.
func (pf *prefetcher) request(rel string, frames []frame) *pending {
	p := &pending{rel: rel, frames: frames}
	if pf.work == nil {
		return p
	}
	p.done = make(chan struct{})
	select {
	case pf.work <- p:
		p.queued = true
	default: // queue full: wait reads it inline
	}
	return p
}

// wait returns the listing of a requested folder, reading it now if no
// worker took it.
func (pf *prefetcher) wait(p *pending) *listing {
	if !p.queued {
		return pf.fsys.list(p.rel, p.frames, pf.s)
	}
	<-p.done
	return p.l
}

// close stops the workers; folders still queued are dropped unread.
func (pf *prefetcher) close() {
	if pf.quit != nil {
		close(pf.quit)
	}
	pf.wg.Wait()
}
