package arm

import (
	"context"
	"net/http"
	"net/url"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// JobID returns the ARM id of the job called name in the workspace.
func (w WorkspaceID) JobID(name string) string { return w.String() + "/jobs/" + name }

// jobRequest builds a request on {ws}/jobs/{name}{suffix}.
func (c *Client) jobRequest(ctx context.Context, method string, ws WorkspaceID, name, suffix string) (*policy.Request, error) {
	if err := ws.Validate(); err != nil {
		return nil, err
	}
	if err := checkSegment("job name", name); err != nil {
		return nil, err
	}
	return c.newRequest(ctx, method, ws.JobID(name)+suffix, nil)
}

// CreateOrUpdateJob creates and submits a job, or changes the mutable
// fields (tags, properties, display name, description) of an existing one
// (Jobs_CreateOrUpdate, a synchronous PUT). A new job starts NotStarted;
// its status then advances on the service.
func (c *Client) CreateOrUpdateJob(ctx context.Context, ws WorkspaceID, name string, job *Job) (*Job, error) {
	if err := validateJob(job); err != nil {
		return nil, err
	}
	req, err := c.jobRequest(ctx, http.MethodPut, ws, name, "")
	return putInto[Job](c, req, err, &Job{Properties: job.Properties})
}

// validateJob checks what the service requires of a command job.
func validateJob(job *Job) error {
	switch {
	case job == nil || job.Properties == nil:
		return &ValidationError{Field: "properties", Reason: "must be set"}
	case job.Properties.JobType != JobTypeCommand:
		return &ValidationError{Field: "properties.jobType", Value: string(job.Properties.JobType), Reason: "must be Command"}
	case job.Properties.Command == "":
		return &ValidationError{Field: "properties.command", Reason: "must not be empty"}
	case job.Properties.EnvironmentID == "":
		return &ValidationError{Field: "properties.environmentId", Reason: "must not be empty"}
	}
	return nil
}

// GetJob reads a job (Jobs_Get).
func (c *Client) GetJob(ctx context.Context, ws WorkspaceID, name string) (*Job, error) {
	req, err := c.jobRequest(ctx, http.MethodGet, ws, name, "")
	return getInto[Job](c, req, err)
}

// ListJobsOptions filters NewListJobsPager.
type ListJobsOptions struct {
	// JobType keeps jobs of one type ("Command").
	JobType JobType
	// Tag keeps jobs that have this tag.
	Tag string
	// ListViewType is ActiveOnly (the service's default), ArchivedOnly or All.
	ListViewType string
}

// NewListJobsPager lists the workspace's jobs (Jobs_List), following
// nextLink. It sends nothing until the first NextPage.
func (c *Client) NewListJobsPager(ws WorkspaceID, opts *ListJobsOptions) *runtime.Pager[JobList] {
	q := url.Values{}
	if opts != nil {
		for k, v := range map[string]string{"jobType": string(opts.JobType), "tag": opts.Tag, "listViewType": opts.ListViewType} {
			if v != "" {
				q.Set(k, v)
			}
		}
	}
	first := func(ctx context.Context) (*policy.Request, error) {
		if err := ws.Validate(); err != nil {
			return nil, err
		}
		return c.newRequest(ctx, http.MethodGet, ws.String()+"/jobs", q)
	}
	return runtime.NewPager(runtime.PagingHandler[JobList]{
		More: func(p JobList) bool { return p.NextLink != "" },
		Fetcher: func(ctx context.Context, cur *JobList) (JobList, error) {
			return fetchPage(ctx, c, cur.nextLink(), first, http.MethodGet, JobList{})
		},
	})
}

// JobOperationResult is the result of BeginCancelJob and BeginDeleteJob:
// the operations return no resource.
type JobOperationResult struct{}

// BeginCancelJob asks the service to cancel a job (Jobs_Cancel, POST
// .../cancel). The poller follows the Location header until the job has
// ended (Canceled, or whatever state it reached first), honouring
// Retry-After; a job that already ended answers 200 at once.
func (c *Client) BeginCancelJob(ctx context.Context, ws WorkspaceID, name string, opts *BeginOptions) (*runtime.Poller[JobOperationResult], error) {
	if token := resumeToken(opts); token != "" {
		return runtime.NewPollerFromResumeToken[JobOperationResult](token, c.pl, nil)
	}
	req, err := c.jobRequest(ctx, http.MethodPost, ws, name, "/cancel")
	if err != nil {
		return nil, err
	}
	return begin[JobOperationResult](c, req, nil, http.StatusOK, http.StatusAccepted)
}

// BeginDeleteJob deletes a job (Jobs_Delete); the poller follows Location.
func (c *Client) BeginDeleteJob(ctx context.Context, ws WorkspaceID, name string, opts *BeginOptions) (*runtime.Poller[JobOperationResult], error) {
	if token := resumeToken(opts); token != "" {
		return runtime.NewPollerFromResumeToken[JobOperationResult](token, c.pl, nil)
	}
	req, err := c.jobRequest(ctx, http.MethodDelete, ws, name, "")
	if err != nil {
		return nil, err
	}
	return begin[JobOperationResult](c, req, nil, http.StatusOK, http.StatusAccepted, http.StatusNoContent)
}
