package codeupload

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blockblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
)

// action is how a file reached the container.
type action int

const (
	skipped action = iota // already there with the same content
	copied                // copied server side from the previous upload
	sent                  // sent from the client
)

// list reads the sha256 (and confirmation) metadata of every blob under
// the destination prefix.
func (u *uploader) list(ctx context.Context) error {
	u.existing = map[string]blobState{}
	prefix := blobName(u.dst.Prefix, "")
	pager := u.ctr.NewListBlobsFlatPager(&container.ListBlobsFlatOptions{
		Prefix: &prefix, Include: container.ListBlobsInclude{Metadata: true}})
	for pager.More() {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return newError("list", "", u.ctr.URL(), err, u.secrets...)
		}
		for _, b := range page.Segment.BlobItems {
			if b.Name == nil {
				continue
			}
			st := blobState{sha256: meta(b.Metadata, MetaSHA256)}
			if meta(b.Metadata, MetaUploadStatus) == StatusCompleted {
				st.confirmedID = meta(b.Metadata, MetaManifestID)
			}
			u.existing[*b.Name] = st
		}
	}
	return nil
}

// blobState is what the listing says of a blob.
type blobState struct {
	sha256      string // MetaSHA256
	confirmedID string // MetaManifestID when MetaUploadStatus is completed
}

// confirmedAs returns the manifest ID that the indicator blob it confirms,
// or "".
func (u *uploader) confirmedAs(it item) string {
	return u.existing[blobName(u.dst.Prefix, it.path)].confirmedID
}

// meta reads a metadata value; the service may change the key's case.
func meta(md map[string]*string, key string) string {
	for k, v := range md {
		if strings.EqualFold(k, key) && v != nil {
			return *v
		}
	}
	return ""
}

// put brings one file into the container the cheapest way.
func (u *uploader) put(ctx context.Context, it item) (action, error) {
	name := blobName(u.dst.Prefix, it.path)
	if u.existing[name].sha256 == it.sha256 {
		u.log.DebugContext(ctx, "codeupload: already there", "path", it.path)
		return skipped, nil
	}
	bb := u.ctr.NewBlockBlobClient(name)
	if src, ok := u.prev[it.sha256]; ok {
		err := u.copy(ctx, bb, it, src)
		if err == nil {
			u.log.DebugContext(ctx, "codeupload: copied", "path", it.path, "from", src)
			return copied, nil
		}
		if errorIsContext(err) {
			return 0, err
		}
		u.log.DebugContext(ctx, "codeupload: copy failed, sending", "path", it.path, "err", err)
	}
	if err := u.send(ctx, bb, it); err != nil {
		return 0, err
	}
	u.log.DebugContext(ctx, "codeupload: sent", "path", it.path, "bytes", it.size)
	return sent, nil
}

// send uploads the file's content from disk.
func (u *uploader) send(ctx context.Context, bb *blockblob.Client, it item) error {
	f, err := os.Open(it.source)
	if err != nil {
		return &Error{Op: "read", Path: it.path, msg: err.Error()}
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() != it.size {
		return &Error{Op: "read", Path: it.path, msg: fmt.Sprintf("size changed since the snapshot (want %d bytes)", it.size)}
	}
	_, err = bb.UploadFile(ctx, f, &blockblob.UploadFileOptions{
		Concurrency: uint16(u.opts.BlockConcurrency),
		Metadata:    map[string]*string{MetaSHA256: to.Ptr(it.sha256)},
	})
	if err != nil {
		return newError("send", it.path, bb.URL(), err, u.secrets...)
	}
	return nil
}

// copy has the service copy the previous upload's blob at snapshot path
// src into bb: one sync Copy From URL, or staged blocks for large files.
func (u *uploader) copy(ctx context.Context, bb *blockblob.Client, it item, src string) error {
	source, err := sourceURL(u.prevDst, src)
	if err != nil {
		return newError("copy", it.path, "", err, u.secrets...)
	}
	md := map[string]*string{MetaSHA256: to.Ptr(it.sha256)}
	if it.size <= u.syncMax {
		_, err = bb.CopyFromURL(ctx, source, &blob.CopyFromURLOptions{Metadata: md})
	} else {
		err = u.stagedCopy(ctx, bb, it, source, md)
	}
	if err != nil {
		return newError("copy", it.path, bb.URL(), err, u.secrets...)
	}
	return nil
}

// stagedCopy copies a large blob block by block (Put Block From URL) and
// commits the list with the metadata.
func (u *uploader) stagedCopy(ctx context.Context, bb *blockblob.Client, it item, source string, md map[string]*string) error {
	var ids []string
	for off := int64(0); off < it.size; off += u.copyBlk {
		id := base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "codeupload-%012d", off/u.copyBlk))
		n := min(u.copyBlk, it.size-off)
		_, err := bb.StageBlockFromURL(ctx, id, source, &blockblob.StageBlockFromURLOptions{
			Range: blob.HTTPRange{Offset: off, Count: n}})
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	_, err := bb.CommitBlockList(ctx, ids, &blockblob.CommitBlockListOptions{Metadata: md})
	return err
}

// sourceURL is the SAS URL of snapshot path p in the destination d.
func sourceURL(d Destination, p string) (string, error) {
	u, err := url.Parse(string(d.Container))
	if err != nil {
		return "", err
	}
	q := u.RawQuery
	u.RawQuery = ""
	u = u.JoinPath(blobName(d.Prefix, p))
	u.RawQuery = q
	return u.String(), nil
}

// confirm marks the upload complete on the indicator blob, last.
func (u *uploader) confirm(ctx context.Context, it item, id string) error {
	bb := u.ctr.NewBlockBlobClient(blobName(u.dst.Prefix, it.path))
	_, err := bb.SetMetadata(ctx, map[string]*string{
		MetaSHA256: to.Ptr(it.sha256), MetaUploadStatus: to.Ptr(StatusCompleted), MetaManifestID: to.Ptr(id)}, nil)
	if err != nil {
		return newError("confirm", it.path, bb.URL(), err, u.secrets...)
	}
	return nil
}
