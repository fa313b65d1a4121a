package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// uploadSteps are the reports of an upload of 4 files, 4 MiB, 250 ms
// apart, the last one complete.
func uploadSteps() []compute.UploadProgress {
	var steps []compute.UploadProgress
	for i := 1; i <= 4; i++ {
		steps = append(steps, compute.UploadProgress{FilesDone: i, FilesTotal: 4, BytesDone: int64(i) << 20, BytesTotal: 4 << 20,
			BytesSent: int64(i) << 19, Elapsed: time.Duration(i) * 250 * time.Millisecond, BytesPerSecond: 2 << 20})
	}
	return steps
}

func TestUploadPrinterPlainLines(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Unix(0, 0)}
	p := newUploadPrinter(&out, false, clock.now)
	for _, s := range uploadSteps() {
		p.show(s)
		clock.t = clock.t.Add(600 * time.Millisecond)
	}
	require.Equal(t, "uploading snapshot: 1/4 files, 1.0 MiB/4.0 MiB, 2.0 MiB/s\n"+
		"uploading snapshot: 3/4 files, 3.0 MiB/4.0 MiB, 2.0 MiB/s\n"+
		"uploading snapshot: done, 4 files, 4.0 MiB (2.0 MiB sent) in 1s, 2.0 MiB/s\n", out.String(),
		"at most a line a second, and the final one")
	require.NotContains(t, out.String(), "\r")
}

func TestUploadPrinterTerminalLine(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Unix(0, 0)}
	p := newUploadPrinter(&out, true, clock.now)
	steps := uploadSteps()
	p.show(steps[0])
	clock.t = clock.t.Add(50 * time.Millisecond)
	p.show(steps[1]) // too soon: skipped
	clock.t = clock.t.Add(100 * time.Millisecond)
	p.show(steps[2])
	p.show(steps[3])
	require.Equal(t, "\r\033[Kuploading snapshot: 1/4 files, 1.0 MiB/4.0 MiB, 2.0 MiB/s"+
		"\r\033[Kuploading snapshot: 3/4 files, 3.0 MiB/4.0 MiB, 2.0 MiB/s"+
		"\r\033[Kuploading snapshot: done, 4 files, 4.0 MiB (2.0 MiB sent) in 1s, 2.0 MiB/s\n", out.String(),
		"one line rewritten in place, ended by the final report")
	require.Equal(t, 1, strings.Count(out.String(), "\n"))
}

func TestUploadProgressFollowsQuietAndOutput(t *testing.T) {
	var stdout, stderr bytes.Buffer
	a := &app{stdout: &stdout, stderr: &stderr, output: formatTable}
	final := uploadSteps()[3]
	a.uploadProgress()(final)
	require.Contains(t, stdout.String(), "uploading snapshot: done")

	stdout.Reset()
	a.output = formatJSON
	a.uploadProgress()(final)
	require.Empty(t, stdout.String(), "stdout holds only the result with -o json")
	require.Contains(t, stderr.String(), "uploading snapshot: done")

	a.quiet = true
	require.Nil(t, a.uploadProgress(), "--quiet shows no upload")
}
