package main

import (
	"fmt"
	"io"
	"time"

	"github.com/azureml-go/azureml/compute"
)

// uploadLabel starts every upload progress line.
const uploadLabel = "uploading snapshot"

// uploadPrinter shows how far the upload of a submission's snapshot has
// got, where watch shows waits: on a terminal one line rewritten in place
// (at most every 100 ms), otherwise plain lines (at most one a second);
// the final report is always a line of its own. The library never calls
// it twice at once.
type uploadPrinter struct {
	w     io.Writer
	tty   bool
	every time.Duration
	now   func() time.Time
	last  time.Time // when a line was last written; zero before the first
}

// uploadProgress returns the callback that shows a submission's upload,
// or nil with --quiet.
func (a *app) uploadProgress() func(compute.UploadProgress) {
	w := a.progressOut()
	if w == nil {
		return nil
	}
	return newUploadPrinter(w, a.ttyOf(w), time.Now).show
}

func newUploadPrinter(w io.Writer, tty bool, now func() time.Time) *uploadPrinter {
	p := &uploadPrinter{w: w, tty: tty, every: time.Second, now: now}
	if tty {
		p.every = 100 * time.Millisecond
	}
	return p
}

// show writes u, unless the last line is too recent and u is not final.
func (p *uploadPrinter) show(u compute.UploadProgress) {
	cr := ""
	if p.tty {
		cr = "\r\033[K"
	}
	if u.Complete() {
		fmt.Fprintf(p.w, "%s%s: done, %s, %s (%s sent) in %s, %s/s\n", cr, uploadLabel, files(u.FilesTotal),
			humanBytes(u.BytesTotal), humanBytes(u.BytesSent), u.Elapsed.Round(100*time.Millisecond), humanBytes(int64(u.BytesPerSecond)))
		return
	}
	now := p.now()
	if !p.last.IsZero() && now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	end := "\n"
	if p.tty {
		end = ""
	}
	fmt.Fprintf(p.w, "%s%s: %d/%d files, %s/%s, %s/s%s", cr, uploadLabel, u.FilesDone, u.FilesTotal,
		humanBytes(u.BytesDone), humanBytes(u.BytesTotal), humanBytes(int64(u.BytesPerSecond)), end)
}

// files is "1 file" or "N files".
func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}
