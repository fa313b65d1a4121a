package workspacetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/appendblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
)

// maxAppend is the largest block an append blob takes.
const maxAppend = 4 << 20

// logShipper copies a growing local log to an append blob in the
// workspace container, every pollInterval and once more at stop.
type logShipper struct {
	stopc chan struct{}
	done  chan struct{}
}

func (l *logShipper) stop() {
	close(l.stopc)
	<-l.done
}

// startLogShipper creates the user log blob, records it on the job (run
// history serves it from then on) and starts shipping.
func (s *Server) startLogShipper(j *job, localPath string) *logShipper {
	l := &logShipper{stopc: make(chan struct{}), done: make(chan struct{})}
	blob := outputPrefix(j.name) + "/" + userLogName
	ctx := context.Background()
	cont := workspaceContainer(s.opts.Workspace)
	ab := s.blob.client.ServiceClient().NewContainerClient(cont).NewAppendBlobClient(blob)
	err := s.blob.ensureContainer(ctx, cont)
	if err == nil {
		_, err = ab.Create(ctx, nil)
	}
	if err != nil {
		s.logf("workspacetest: job %s: user log: %v", j.name, err)
		close(l.done)
		return l
	}
	s.mu.Lock()
	j.logBlob = blob
	s.mu.Unlock()
	go func() {
		defer close(l.done)
		var off int64
		for {
			select {
			case <-l.stopc:
				s.shipLog(ctx, ab, localPath, &off)
				return
			case <-time.After(pollInterval):
				s.shipLog(ctx, ab, localPath, &off)
			}
		}
	}()
	return l
}

// shipLog appends what the log gained since *off, in blocks of at most
// maxAppend.
func (s *Server) shipLog(ctx context.Context, ab *appendblob.Client, localPath string, off *int64) {
	f, err := os.Open(localPath)
	if err != nil {
		return
	}
	defer f.Close()
	buf := make([]byte, maxAppend)
	for {
		n, err := f.ReadAt(buf, *off)
		if n > 0 {
			if _, aerr := ab.AppendBlock(ctx, streaming.NopCloser(bytes.NewReader(buf[:n])), nil); aerr != nil {
				s.logf("workspacetest: user log: %v", aerr)
				return
			}
			*off += int64(n)
		}
		if err != nil || n < len(buf) {
			return
		}
	}
}

// downloadCode copies the code version's folder from storage into dir
// (an empty dir when the job has no code).
func (s *Server) downloadCode(ctx context.Context, code *codeSpec, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil || code == nil {
		return err
	}
	cc := s.blob.client.ServiceClient().NewContainerClient(code.container)
	prefix := code.prefix
	if prefix != "" {
		prefix += "/"
	}
	pager := cc.NewListBlobsFlatPager(&container.ListBlobsFlatOptions{Prefix: &prefix})
	for pager.More() {
		resp, err := pager.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("listing the code at %s: %w", s.blob.containerURL(code.container)+"/"+code.prefix, err)
		}
		for _, item := range resp.Segment.BlobItems {
			if err := s.downloadBlob(ctx, cc, *item.Name, prefix, dir); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Server) downloadBlob(ctx context.Context, cc *container.Client, name, prefix, dir string) error {
	rel := strings.TrimPrefix(name, prefix)
	clean := path.Clean(rel)
	if rel == "" || clean != rel || clean == ".." || strings.HasPrefix(clean, "../") || path.IsAbs(clean) {
		return fmt.Errorf("code blob %q: not a plain relative path", name)
	}
	dst := filepath.Join(dir, filepath.FromSlash(clean))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := cc.NewBlobClient(name).DownloadFile(ctx, f, nil); err != nil {
		return fmt.Errorf("downloading code blob %q: %w", name, err)
	}
	return f.Close()
}

// uploadFolder puts every regular file under dir at blobPrefix/<relative
// path> in the workspace container; a missing dir uploads nothing.
func (s *Server) uploadFolder(ctx context.Context, dir, blobPrefix string) error {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	cont := workspaceContainer(s.opts.Workspace)
	if err := s.blob.ensureContainer(ctx, cont); err != nil {
		return err
	}
	cc := s.blob.client.ServiceClient().NewContainerClient(cont)
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		name := blobPrefix + "/" + filepath.ToSlash(rel)
		if _, err := cc.NewBlockBlobClient(name).UploadFile(ctx, f, nil); err != nil {
			return fmt.Errorf("uploading %s: %w", name, err)
		}
		return nil
	})
}
