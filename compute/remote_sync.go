package compute

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/azureml-go/azureml/internal/runfolder"
	"github.com/azureml-go/azureml/snapshot"
)

// SyncStats says what Start sent to a host for a run's snapshot.
type SyncStats struct {
	// Files is the number of snapshot entries placed in the run's folder.
	Files int
	// Uploaded is the number of file contents the host lacked and were sent.
	Uploaded int
	// UploadedBytes is their total size.
	UploadedBytes int64
}

// snapshotSyncer is a connection with its own way to upload snapshots
// (the SSH connection, through remotesync).
type snapshotSyncer interface {
	syncSnapshot(ctx context.Context, job *Job, objects, wd string) (*SyncStats, error)
}

// upload places job's snapshot in wd on the host. File contents go to a
// content-addressed object store shared by all runs on the host (under
// ~/.azureml-go/objects, one file per sha256), and only those it lacks
// are sent. Over SSH (remotesync) a file readable by everyone is a hard
// link to a sealed, read-only copy of its object, so it costs no disk and
// no time and a script cannot edit the store through it without first
// making it writable (the next sync then finds the object unsealed,
// verifies it and replaces it if changed); other files, and every file
// when the host user is root, are copies. The generic path below always
// copies. It writes a summary line to log.
func (c *sshCore) upload(ctx context.Context, conn remoteConn, home string, job *Job, wd string, log io.Writer) error {
	objects := path.Join(home, remoteRoot, remoteObjects)
	st := &SyncStats{}
	var err error
	if s, ok := conn.(snapshotSyncer); ok {
		st, err = s.syncSnapshot(ctx, job, objects, wd)
	} else {
		err = c.uploadFiles(ctx, conn, objects, job, wd, st)
	}
	if err != nil {
		return c.errorf("upload snapshot to %s: %w", wd, err)
	}
	fmt.Fprintf(log, "azureml-go: snapshot: %d files, %d uploaded (%d bytes), %d already on the host\n",
		st.Files, st.Uploaded, st.UploadedBytes, st.Files-st.Uploaded)
	return nil
}

// uploadFiles is the generic upload over any connection's FS and Shell:
// one Stat per content, whole-file writes, and a script that fills wd.
func (c *sshCore) uploadFiles(ctx context.Context, conn remoteConn, objects string, job *Job, wd string, st *SyncStats) error {
	fsys := conn.FS()
	meter := newUploadMeter(job.UploadProgress).byContent(job.Snapshot)
	var script strings.Builder
	script.WriteString("set -e\ncd " + shQuote(wd) + "\n")
	for _, e := range job.Snapshot.Entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := c.putObject(fsys, objects, job.SourceDir, e, st, meter); err != nil {
			return err
		}
		materialize(&script, objects, e)
		st.Files++
	}
	scriptPath := path.Join(path.Dir(wd), "sync.sh")
	if err := fsys.WriteFile(scriptPath, []byte(script.String()), 0o600); err != nil {
		return err
	}
	if _, err := conn.Run(ctx, "sh "+shQuote(scriptPath)); err != nil {
		return err
	}
	meter.finish(st.UploadedBytes)
	return nil
}

// objectPath is where the content with hash sha256 is kept on the host.
func objectPath(objects, sha256 string) string {
	return path.Join(objects, sha256[:2], sha256)
}

// putObject sends e's content unless the host has it already, and tells
// meter which it was.
func (c *sshCore) putObject(fsys runfolder.FS, objects, srcDir string, e snapshot.Entry, st *SyncStats, meter *uploadMeter) error {
	if e.Kind != snapshot.KindFile {
		return nil
	}
	if len(e.SHA256) != 64 {
		return fmt.Errorf("entry %q: bad sha256 %q", e.Path, e.SHA256)
	}
	dst := objectPath(objects, e.SHA256)
	if _, err := fsys.Stat(dst); err == nil {
		meter.present(e.SHA256, e.Size)
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	data, err := os.ReadFile(filepath.Join(srcDir, filepath.FromSlash(e.Path)))
	if err != nil {
		return err
	}
	if err := fsys.MkdirAll(path.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := fsys.WriteFile(dst, data, 0o444); err != nil {
		return err
	}
	st.Uploaded++
	st.UploadedBytes += int64(len(data))
	meter.sent(e.SHA256, int64(len(data)))
	return nil
}

// materialize appends the shell lines that place e in the current folder.
func materialize(b *strings.Builder, objects string, e snapshot.Entry) {
	p := shQuote(e.Path)
	if dir := path.Dir(e.Path); dir != "." {
		b.WriteString("mkdir -p " + shQuote(dir) + "\n")
	}
	if e.Kind == snapshot.KindSymlink {
		b.WriteString("rm -f " + p + "; ln -s " + shQuote(e.Target) + " " + p + "\n")
		return
	}
	fmt.Fprintf(b, "rm -f %s; cp %s %s; chmod %o %s\n", p, shQuote(objectPath(objects, e.SHA256)), p, e.Mode.Perm()|0o200, p)
}
