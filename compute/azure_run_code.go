package compute

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/azureml-go/azureml/internal/arm"
	"github.com/azureml-go/azureml/internal/codeupload"
	"github.com/azureml-go/azureml/snapshot"
)

// codeHashVersion names how the content hash of a code version is made:
// the snapshot manifest's ID (SHA-256 of its canonical encoding, which
// holds every file's path, mode, size and SHA-256).
const codeHashVersion = "azureml-go-manifest-1"

// codeVersion is the version every code asset of this runner gets: the
// asset's name is already its content hash.
const codeVersion = "1"

// uploadRecord is what StateDir keeps of a source folder's last upload.
type uploadRecord struct {
	CodeName string             `json:"codeName"`
	Prefix   string             `json:"prefix"`
	Manifest *snapshot.Manifest `json:"manifest"`
}

// ensureCode returns the ARM id of the code version holding job's
// snapshot: an existing version with the same content hash, else a new
// one, uploaded through a pending upload.
func (r *AzureRunner) ensureCode(ctx context.Context, conn *azureConn, job *Job) (string, error) {
	man := job.Snapshot
	if man == nil || len(man.Entries) == 0 {
		return "", &UnsupportedError{What: "a job without files", Hint: "the snapshot of the source folder is empty"}
	}
	name := man.ID()
	report := UploadReport{RunID: job.RunID}
	meter := newUploadMeter(r.opts.UploadProgress, job.UploadProgress)
	if id, err := r.findCode(ctx, conn, name); err != nil || id != "" {
		report.CodeID, report.Reused = id, true
		if err == nil && r.opts.OnUpload != nil {
			r.opts.OnUpload(report)
		}
		return id, err
	}
	pu, err := conn.c.StartPendingUpload(ctx, conn.id, name, codeVersion, pendingUploadID(name))
	if err != nil {
		return "", azureError(r.ws, "start the code upload", name, err)
	}
	prefix := uploadPrefix(job.SourceDir)
	res, err := codeupload.Upload(ctx, man, job.SourceDir, codeupload.Destination{
		Container: codeupload.SASURL(pu.BlobReference.Credential.SASURI.Reveal()), Prefix: prefix}, r.uploadOptions(ctx, conn, job.SourceDir, meter))
	if err != nil {
		return "", fmt.Errorf("compute: uploading the snapshot of %s: %w", job.SourceDir, err)
	}
	meter.finish(res.BytesSent)
	v, err := conn.c.CreateOrUpdateCodeVersion(ctx, conn.id, name, codeVersion, &arm.CodeVersion{Properties: &arm.CodeVersionProperties{
		CodeURI: strings.TrimRight(pu.BlobReference.BlobURI, "/") + "/" + prefix, IsAnonymous: true,
		Properties: map[string]string{arm.PropertyHashSHA256: name, arm.PropertyHashVersion: codeHashVersion}}})
	if err != nil {
		return "", azureError(r.ws, "create the code version", name, err)
	}
	r.saveUpload(job.SourceDir, &uploadRecord{CodeName: name, Prefix: prefix, Manifest: man})
	report.CodeID, report.FilesSent, report.FilesCopied, report.FilesSkipped = v.ID, res.Sent, res.Copied, res.Skipped
	report.BytesSent = res.BytesSent
	if r.opts.OnUpload != nil {
		r.opts.OnUpload(report)
	}
	return v.ID, nil
}

// findCode returns the id of a code version whose content hash is hash,
// whatever its name, or "".
func (r *AzureRunner) findCode(ctx context.Context, conn *azureConn, hash string) (string, error) {
	pager := conn.c.NewListCodeVersionsPager(conn.id, hash, &arm.ListCodeVersionsOptions{Hash: hash, HashVersion: codeHashVersion})
	for pager.More() {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return "", azureError(r.ws, "look up the code", hash, err)
		}
		for _, v := range page.Value {
			if v.ID != "" {
				return v.ID, nil
			}
		}
	}
	return "", nil
}

// uploadOptions tunes codeupload for this runner: progress to meter, and
// the previous upload of the same source folder (when the workspace still
// has it) to copy from.
func (r *AzureRunner) uploadOptions(ctx context.Context, conn *azureConn, srcDir string, meter *uploadMeter) *codeupload.Options {
	co := r.ws.ClientOptions()
	o := &codeupload.Options{Concurrency: r.opts.UploadConcurrency, Logger: r.opts.Logger,
		Client: azcore.ClientOptions{Transport: co.Transport, Retry: co.Retry, Logging: co.Logging}}
	if meter != nil {
		o.Progress = func(p codeupload.Progress) {
			meter.set(p.FilesDone, p.FilesTotal, p.BytesDone, p.BytesTotal, p.BytesSent)
		}
	}
	prev := r.loadUpload(srcDir)
	if prev == nil {
		return o
	}
	pu, err := conn.c.StartPendingUpload(ctx, conn.id, prev.CodeName, codeVersion, pendingUploadID(prev.CodeName))
	if err != nil { // the previous upload is gone: send everything
		r.opts.Logger.Debug("compute: previous upload not usable", "code", prev.CodeName, "err", err)
		return o
	}
	o.Previous = &codeupload.Previous{Manifest: prev.Manifest, Destination: codeupload.Destination{
		Container: codeupload.SASURL(pu.BlobReference.Credential.SASURI.Reveal()), Prefix: prev.Prefix}}
	return o
}

// pendingUploadID is the pending upload of a code asset: a GUID-shaped
// id derived from its content hash, so that an interrupted upload of the
// same snapshot gets the same container again and resumes there.
func pendingUploadID(hash string) string {
	h := hash
	for len(h) < 32 {
		h += "0"
	}
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// uploadPrefix is the folder of the container the files go to: the source
// folder's base name (as azure-ai-ml does) when it is a plain name.
func uploadPrefix(srcDir string) string {
	base := filepath.Base(srcDir)
	for _, c := range base {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return "src"
		}
	}
	if base == "." || base == ".." || base == "" {
		return "src"
	}
	return base
}

// uploadRecordPath is where StateDir keeps srcDir's last upload.
func (r *AzureRunner) uploadRecordPath(srcDir string) string {
	sum := sha256.Sum256([]byte(srcDir))
	return filepath.Join(r.opts.StateDir, hex.EncodeToString(sum[:12])+".json")
}

// loadUpload reads srcDir's last upload; nil when there is none.
func (r *AzureRunner) loadUpload(srcDir string) *uploadRecord {
	if r.opts.StateDir == "" {
		return nil
	}
	b, err := os.ReadFile(r.uploadRecordPath(srcDir))
	if err != nil {
		return nil
	}
	var rec uploadRecord
	if err := json.Unmarshal(b, &rec); err != nil || rec.Manifest == nil || rec.CodeName == "" {
		return nil
	}
	return &rec
}

// saveUpload records srcDir's last upload atomically; a failure only
// costs the next upload its server-side copies, so it is logged.
func (r *AzureRunner) saveUpload(srcDir string, rec *uploadRecord) {
	if r.opts.StateDir == "" {
		return
	}
	err := writeFileAtomic(r.uploadRecordPath(srcDir), rec)
	if err != nil {
		r.opts.Logger.Debug("compute: recording the upload", "dir", srcDir, "err", err)
	}
}

// writeFileAtomic writes v as JSON to path through a temporary file.
func writeFileAtomic(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}
