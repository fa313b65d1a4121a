package compute

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"

	"github.com/azureml-go/azureml/internal/arm"
)

// CollectOutputs downloads what the job left in its default output folder
// of the workspace's datastore into job.RunDir: outputs/ and logs/ as
// they are, and the service's user_logs/ under logs/. Files already
// downloaded with the same size are not fetched again.
func (r *AzureRunner) CollectOutputs(ctx context.Context, job *Job) error {
	conn, err := r.connection()
	if err != nil {
		return err
	}
	j, err := conn.c.GetJob(ctx, conn.id, job.RunID)
	if err != nil {
		return azureError(r.ws, "read the job", job.RunID, err)
	}
	store, prefix := defaultOutput(j)
	cc, err := r.datastoreContainer(ctx, conn, store)
	if err != nil {
		return err
	}
	pager := cc.NewListBlobsFlatPager(&container.ListBlobsFlatOptions{Prefix: &prefix})
	for pager.More() {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return &OutputsError{RunID: job.RunID, Path: prefix, Err: storageCause(err)}
		}
		for _, b := range page.Segment.BlobItems {
			if err := r.download(ctx, cc, job, prefix, *b.Name, sizeOf(b.Properties.ContentLength)); err != nil {
				return err
			}
		}
	}
	return nil
}

func sizeOf(p *int64) int64 {
	if p == nil {
		return -1
	}
	return *p
}

// defaultOutput returns the datastore and folder of the job's default
// output (azureml://datastores/<ds>/paths/<prefix>/), with the service's
// usual ExperimentRun/dcid.<name>/ on workspaceblobstore as the fallback.
func defaultOutput(j *arm.Job) (string, string) {
	store, prefix := "workspaceblobstore", "ExperimentRun/dcid."+j.Name+"/"
	var out struct {
		URI string `json:"uri"`
	}
	if raw, ok := j.Properties.Outputs["default"]; ok && json.Unmarshal(raw, &out) == nil {
		rest, ok := strings.CutPrefix(out.URI, "azureml://datastores/")
		if ds, p, found := strings.Cut(rest, "/paths/"); ok && found && ds != "" && p != "" {
			store, prefix = ds, strings.TrimSuffix(p, "/")+"/"
		}
	}
	return store, prefix
}

// datastoreContainer returns a client of the datastore's container,
// authorized with its account key or SAS token.
func (r *AzureRunner) datastoreContainer(ctx context.Context, conn *azureConn, name string) (*container.Client, error) {
	ds, err := conn.c.GetDatastore(ctx, conn.id, name)
	if err != nil {
		return nil, azureError(r.ws, "read the datastore", name, err)
	}
	sec, err := conn.c.ListDatastoreSecrets(ctx, conn.id, name)
	if err != nil {
		return nil, azureError(r.ws, "read the datastore's secrets", name, err)
	}
	u := strings.TrimRight(ds.Properties.ServiceURL(), "/") + "/" + ds.Properties.ContainerName
	co := r.ws.ClientOptions()
	opts := &container.ClientOptions{ClientOptions: azcore.ClientOptions{Transport: co.Transport, Retry: co.Retry, Logging: co.Logging}}
	switch {
	case sec.Key != "":
		cred, err := container.NewSharedKeyCredential(ds.Properties.AccountName, sec.Key.Reveal())
		if err != nil {
			return nil, fmt.Errorf("compute: datastore %s: its account key is not usable", name)
		}
		return container.NewClientWithSharedKeyCredential(u, cred, opts)
	case sec.SASToken != "":
		return container.NewClientWithNoCredential(u+"?"+strings.TrimPrefix(sec.SASToken.Reveal(), "?"), opts)
	}
	return nil, &UnsupportedError{What: "datastore " + name + " with " + sec.SecretsType + " credentials",
		Hint: "outputs are read from datastores with an account key or a SAS token"}
}

// download fetches blob name (under prefix) into the run folder, unless
// a file of that size is already there.
func (r *AzureRunner) download(ctx context.Context, cc *container.Client, job *Job, prefix, name string, size int64) error {
	rel := strings.TrimPrefix(name, prefix)
	if strings.HasPrefix(rel, "user_logs/") {
		rel = "logs/" + rel
	}
	if !strings.HasPrefix(rel, "outputs/") && !strings.HasPrefix(rel, "logs/") {
		return nil
	}
	clean := path.Clean(rel)
	if clean != rel || strings.HasPrefix(clean, "../") {
		return &OutputsError{RunID: job.RunID, Path: name, Err: fmt.Errorf("unsafe blob name")}
	}
	dst := filepath.Join(job.RunDir, filepath.FromSlash(clean))
	if fi, err := os.Stat(dst); err == nil && fi.Size() == size {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp := dst + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = cc.NewBlobClient(name).DownloadFile(ctx, f, nil)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp)
		return &OutputsError{RunID: job.RunID, Path: name, Err: storageCause(err)}
	}
	return os.Rename(tmp, dst)
}

// OutputsError is a failure to download a job's outputs or logs.
type OutputsError struct {
	RunID string
	// Path is the blob (or folder) concerned, in the datastore's container.
	Path string
	Err  error
}

// Error names the run and the blob.
func (e *OutputsError) Error() string {
	return "compute: run " + e.RunID + ": downloading " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *OutputsError) Unwrap() error { return e.Err }

// storageCause keeps a storage error's status and code but not its text,
// which names the request URL (a SAS, when the datastore uses one).
func storageCause(err error) error {
	var re *azcore.ResponseError
	switch {
	case errors.As(err, &re):
		return fmt.Errorf("storage answered %d %s", re.StatusCode, re.ErrorCode)
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded
	}
	return errors.New("storage request failed")
}
