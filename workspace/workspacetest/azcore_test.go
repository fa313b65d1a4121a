package workspacetest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// pipeline is a plain azcore pipeline (bearer token, retries) aimed at s:
// the emulator must speak what azcore's policies and pollers expect.
func pipeline(s *workspacetest.Server) runtime.Pipeline {
	bearer := runtime.NewBearerTokenPolicy(s.Credential(), []string{"https://management.azure.com/.default"}, nil)
	return runtime.NewPipeline("workspacetest", "v0.0.0", runtime.PipelineOptions{PerRetry: []policy.Policy{bearer}},
		&policy.ClientOptions{Transport: s.Client(), Retry: policy.RetryOptions{RetryDelay: 10 * time.Millisecond}})
}

type computeResult struct {
	Name       string `json:"name"`
	Properties struct {
		ProvisioningState string `json:"provisioningState"`
	} `json:"properties"`
}

func TestAzcorePollerWithFaults(t *testing.T) {
	s := workspacetest.NewServer(&workspacetest.Options{ProvisioningDelay: 500 * time.Millisecond})
	t.Cleanup(s.Close)
	pl := pipeline(s)
	ops := "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.MachineLearningServices/locations/eastus/"
	throttle := s.Faults().Throttle(http.MethodGet, ops, 1, time.Second)
	drop := s.Faults().DropConnection(http.MethodGet, s.WorkspaceID()+"/computes/cpu-cluster", 1)
	serverErr := s.Faults().ServerError(http.MethodPut, "", 1)

	url := s.URL() + s.WorkspaceID() + "/computes/cpu-cluster?api-version=" + apiVersion
	req, err := runtime.NewRequest(t.Context(), http.MethodPut, url)
	require.NoError(t, err)
	body, err := json.Marshal(amlBody(0, 2, "PT120S"))
	require.NoError(t, err)
	require.NoError(t, req.SetBody(streaming.NopCloser(bytes.NewReader(body)), "application/json"))
	resp, err := pl.Do(req)
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, resp.StatusCode, "the 500 was retried")
	poller, err := runtime.NewPoller[computeResult](resp, pl, nil)
	require.NoError(t, err)
	res, err := poller.PollUntilDone(t.Context(), &runtime.PollUntilDoneOptions{Frequency: time.Second})
	require.NoError(t, err)
	require.Equal(t, "cpu-cluster", res.Name)
	require.Equal(t, "Succeeded", res.Properties.ProvisioningState)
	require.Equal(t, 1, throttle.Fired())
	require.Equal(t, 1, drop.Fired(), "the final GET was dropped once and retried")
	require.Equal(t, 1, serverErr.Fired())

	puts := 0
	for _, r := range s.Requests() {
		if r.Method == http.MethodPut {
			puts++
		}
	}
	require.Equal(t, 2, puts, "one PUT failed with 500, one succeeded")

	// Delete through a Location/Azure-AsyncOperation poller.
	req, err = runtime.NewRequest(t.Context(), http.MethodDelete, url+"&underlyingResourceAction=Delete")
	require.NoError(t, err)
	resp, err = pl.Do(req)
	require.NoError(t, err)
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	del, err := runtime.NewPoller[struct{}](resp, pl, &runtime.NewPollerOptions[struct{}]{FinalStateVia: runtime.FinalStateViaLocation})
	require.NoError(t, err)
	_, err = del.PollUntilDone(t.Context(), &runtime.PollUntilDoneOptions{Frequency: time.Second})
	require.NoError(t, err)
	req, err = runtime.NewRequest(t.Context(), http.MethodGet, url)
	require.NoError(t, err)
	resp, err = pl.Do(req)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	require.True(t, runtime.HasStatusCode(resp, http.StatusNotFound))
}
