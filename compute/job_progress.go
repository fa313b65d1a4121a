package compute

import (
	"sync"
	"time"

	"github.com/azureml-go/azureml/snapshot"
)

// UploadProgress is how far the upload of a job's snapshot to its target
// has got. Runners that send the snapshot somewhere (an [AzureRunner] to
// the workspace's blob storage, a [RemoteVM] or [HDInsight] over SSH)
// report it to [Job.UploadProgress] and [AzureRunOptions.UploadProgress].
//
// The counts are of the snapshot's files as the target stores them: on
// Azure every entry is a blob (a symlink becomes the file it points to);
// over SSH files only (symlinks are recreated as links and not counted).
// A file is done once the target holds its content, whether this machine
// sent it, the service copied it from an earlier upload, or the target
// had it already; so figures can start above zero and BytesSent can stay
// below BytesDone.
type UploadProgress struct {
	// FilesDone of FilesTotal files are in place on the target.
	FilesDone, FilesTotal int
	// BytesDone of BytesTotal content bytes are in place on the target.
	BytesDone, BytesTotal int64
	// BytesSent is the content sent from this machine so far (files
	// copied server side or already there count in BytesDone only).
	BytesSent int64
	// Elapsed is the time since the upload started.
	Elapsed time.Duration
	// BytesPerSecond is the upload rate: BytesSent / Elapsed.
	BytesPerSecond float64
}

// Complete reports whether p is the final report of an upload: every
// file is in place.
func (p UploadProgress) Complete() bool {
	return p.FilesDone == p.FilesTotal && p.BytesDone == p.BytesTotal
}

// uploadMeter turns the events of one snapshot upload into UploadProgress
// calls: one at a time, the figures never shrinking, and the complete one
// only from finish, last. It stays silent until the upload has work to do
// (see active), so a target that already holds everything reports nothing.
// A nil *uploadMeter does nothing.
type uploadMeter struct {
	mu     sync.Mutex
	fn     func(UploadProgress)
	start  time.Time
	p      UploadProgress
	active bool           // the upload does work: calls are due
	ended  bool           // finish has reported
	last   UploadProgress // the figures of the last call

	// For uploads that report per content (SSH): the files and bytes of
	// each sha256, and the contents already counted as done.
	files map[string]int
	bytes map[string]int64
	done  map[string]bool
}

// newUploadMeter returns a meter calling every non-nil fn, or nil when
// there is none.
func newUploadMeter(fns ...func(UploadProgress)) *uploadMeter {
	var live []func(UploadProgress)
	for _, f := range fns {
		if f != nil {
			live = append(live, f)
		}
	}
	if len(live) == 0 {
		return nil
	}
	fn := live[0]
	if len(live) > 1 {
		fn = func(p UploadProgress) {
			for _, f := range live {
				f(p)
			}
		}
	}
	return &uploadMeter{fn: fn, start: time.Now()}
}

// byContent makes m count m's files per content: the totals are the
// manifest's files, and contents are then reported by hash.
func (m *uploadMeter) byContent(man *snapshot.Manifest) *uploadMeter {
	if m == nil {
		return nil
	}
	m.files, m.bytes, m.done = map[string]int{}, map[string]int64{}, map[string]bool{}
	for _, e := range man.Entries {
		if e.Kind != snapshot.KindFile {
			continue
		}
		m.files[e.SHA256]++
		m.bytes[e.SHA256] += e.Size
		m.p.FilesTotal++
		m.p.BytesTotal += e.Size
	}
	return m
}

// present counts the files of content hash as done without sending it
// (the target had it); it reports only once the upload is active.
func (m *uploadMeter) present(hash string, _ int64) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.markLocked(hash)
	m.reportLocked()
}

// sent counts content hash, of size bytes, as sent from this machine and
// makes the upload active.
func (m *uploadMeter) sent(hash string, size int64) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.markLocked(hash)
	m.p.BytesSent += size
	m.active = true
	m.reportLocked()
}

func (m *uploadMeter) markLocked(hash string) {
	if m.done[hash] {
		return
	}
	m.done[hash] = true
	m.p.FilesDone += m.files[hash]
	m.p.BytesDone += m.bytes[hash]
}

// set takes the figures of an upload that counts them itself (Azure's);
// it makes the upload active.
func (m *uploadMeter) set(filesDone, filesTotal int, bytesDone, bytesTotal, bytesSent int64) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.p.FilesTotal, m.p.BytesTotal = filesTotal, bytesTotal
	m.p.FilesDone, m.p.BytesDone = max(m.p.FilesDone, filesDone), max(m.p.BytesDone, bytesDone)
	m.p.BytesSent = max(m.p.BytesSent, bytesSent)
	m.active = true
	m.reportLocked()
}

// finish reports the complete upload, with bytesSent from this machine
// in all, if the upload was active; later events report nothing.
func (m *uploadMeter) finish(bytesSent int64) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.active || m.ended {
		return
	}
	m.p.FilesDone, m.p.BytesDone = m.p.FilesTotal, m.p.BytesTotal
	m.p.BytesSent = max(m.p.BytesSent, bytesSent)
	m.ended = true
	m.callLocked()
}

// reportLocked calls fn with the figures so far, unless the upload is not
// active yet, has ended, looks complete (finish reports that), or nothing
// changed since the last call.
func (m *uploadMeter) reportLocked() {
	if !m.active || m.ended || m.p.Complete() || m.sameAsLast() {
		return
	}
	m.callLocked()
}

func (m *uploadMeter) sameAsLast() bool {
	l := m.last
	return l.FilesDone == m.p.FilesDone && l.BytesDone == m.p.BytesDone && l.BytesSent == m.p.BytesSent &&
		l.FilesTotal == m.p.FilesTotal && l.BytesTotal == m.p.BytesTotal
}

func (m *uploadMeter) callLocked() {
	m.p.Elapsed = time.Since(m.start)
	if s := m.p.Elapsed.Seconds(); s > 0 {
		m.p.BytesPerSecond = float64(m.p.BytesSent) / s
	}
	m.last = m.p
	m.fn(m.p)
}
