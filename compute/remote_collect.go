package compute

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// collect downloads an ended job's outputs, logs, driver log and the
// folder that stood for job.RunDir into job.RunDir. It may be called again
// (files are replaced), from any process.
func (c *sshCore) collect(ctx context.Context, job *Job) error {
	if err := checkRemoteJob(job, false); err != nil {
		return err
	}
	return c.withConn(ctx, func(conn remoteConn, home string) error {
		dir := runFolder(home, job.RunID)
		js, err := remoteStatus(ctx, conn, dir)
		if err != nil {
			return c.errorf("collect outputs of run %q: %w", job.RunID, err)
		}
		if !js.State.Terminal() {
			return fmt.Errorf("compute: collect outputs of run %q (state %s): %w", job.RunID, js.State, errNotEnded)
		}
		trees := [][2]string{
			{path.Join(dir, runfolder.WorkDir, "outputs"), filepath.Join(job.RunDir, "outputs")},
			{path.Join(dir, runfolder.WorkDir, "logs"), filepath.Join(job.RunDir, "logs")},
			{path.Join(dir, remoteRunDirCopy), job.RunDir},
		}
		for _, t := range trees {
			if err := c.downloadTree(ctx, conn, t[0], t[1]); err != nil {
				return err
			}
		}
		logDst := filepath.Join(job.RunDir, filepath.FromSlash(runfolder.DriverLog))
		return c.download(conn.FS(), path.Join(dir, runfolder.DriverLog), logDst)
	})
}

// downloadTree copies the regular files under the host's folder src into
// dst. A missing src copies nothing. Symbolic links are not copied.
func (c *sshCore) downloadTree(ctx context.Context, conn remoteConn, src, dst string) error {
	out, err := conn.Run(ctx, "[ -d "+shQuote(src)+" ] || exit 0; cd "+shQuote(src)+" && find . -type f -print0")
	if err != nil {
		return c.errorf("collect outputs: list %s: %w", src, err)
	}
	for _, rel := range bytes.Split(out, []byte{0}) {
		if len(rel) == 0 {
			continue
		}
		r := path.Clean(strings.TrimPrefix(string(rel), "./"))
		if r == "." || r == ".." || strings.HasPrefix(r, "../") || path.IsAbs(r) {
			return c.errorf("collect outputs: unexpected file name %q under %s", r, src)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := c.download(conn.FS(), path.Join(src, r), filepath.Join(dst, filepath.FromSlash(r))); err != nil {
			return err
		}
	}
	return nil
}

// copyChunk is how much one read from the host asks for.
const copyChunk = 1 << 20

// download streams the host's file src into dst (replacing it). A missing
// src copies nothing.
func (c *sshCore) download(fsys runfolder.FS, src, dst string) error {
	fi, err := fsys.Stat(src)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return c.errorf("collect outputs: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return c.errorf("collect outputs: %w", err)
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fi.Mode().Perm()|0o200)
	if err != nil {
		return c.errorf("collect outputs: %w", err)
	}
	buf := make([]byte, copyChunk)
	var off int64
	for {
		n, rerr := fsys.ReadAt(src, buf, off)
		if _, werr := f.Write(buf[:n]); werr != nil {
			rerr = werr
		}
		off += int64(n)
		if errors.Is(rerr, io.EOF) || (rerr == nil && n == 0) {
			break
		}
		if rerr != nil {
			_ = f.Close()
			return c.errorf("collect outputs: %s: %w", src, rerr)
		}
	}
	if err := f.Close(); err != nil {
		return c.errorf("collect outputs: %w", err)
	}
	return nil
}
