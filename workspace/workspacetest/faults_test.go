package workspacetest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/workspace/workspacetest"
)

func TestFaultThrottleAndServerError(t *testing.T) {
	e := newEnv(t, nil)
	f := e.s.Faults()
	throttle := f.Throttle(http.MethodGet, e.s.WorkspaceID(), 2, 3*time.Second)
	require.Equal(t, workspacetest.FaultThrottle, throttle.Kind())
	for range 2 {
		r := e.do(http.MethodGet, e.s.WorkspaceID(), nil)
		require.Equal(t, http.StatusTooManyRequests, r.status)
		require.Equal(t, "3", r.header.Get("Retry-After"))
		require.Equal(t, "TooManyRequests", r.errorCode())
	}
	require.Equal(t, http.StatusOK, e.do(http.MethodGet, e.s.WorkspaceID(), nil).status)
	require.Equal(t, 2, throttle.Fired())
	require.Zero(t, throttle.Remaining())

	// Method and prefix must both match; prefixes compare case-insensitively.
	srv := f.ServerError(http.MethodPut, "/SUBSCRIPTIONS/", 1)
	require.Equal(t, http.StatusOK, e.do(http.MethodGet, e.s.WorkspaceID(), nil).status)
	r := e.do(http.MethodPut, e.compute("cpu-cluster"), amlBody(0, 1, "PT1M"))
	require.Equal(t, http.StatusInternalServerError, r.status)
	require.Equal(t, "InternalServerError", r.errorCode())
	require.Equal(t, http.StatusNotFound, e.do(http.MethodGet, e.compute("cpu-cluster"), nil).status, "a faulted PUT creates nothing")
	require.Equal(t, 1, srv.Fired())
	require.Equal(t, 3, f.Fired())

	reqs := e.s.Requests()
	require.Equal(t, http.StatusTooManyRequests, reqs[0].Status)
	require.Equal(t, 3*time.Second, reqs[0].RetryAfter, "handed-out Retry-After is recorded")
}

func TestFaultDropConnection(t *testing.T) {
	e := newEnv(t, nil)
	drop := e.s.Faults().DropConnection("", "", 1)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, e.s.URL()+e.compute("x")+"/listKeys?api-version="+apiVersion, nil)
	require.NoError(t, err)
	resp, err := e.s.Client().Do(req)
	if resp != nil {
		require.NoError(t, resp.Body.Close())
	}
	require.Error(t, err, "the connection is closed without a response")
	require.Equal(t, 1, drop.Fired())
	require.Equal(t, http.StatusNotFound, e.do(http.MethodPost, e.compute("x")+"/listKeys", nil).status)
	reqs := e.s.Requests()
	require.Zero(t, reqs[0].Status, "a dropped request has no status")
}

func TestFaultFailNextCreate(t *testing.T) {
	e := newEnv(t, nil)
	fail := e.s.Faults().FailNextCreate("gpu-cluster", workspacetest.ErrorDetail{Code: "QuotaExceeded", Message: "no GPU quota"})
	require.Equal(t, workspacetest.FaultFailCreate, fail.Kind())
	require.Equal(t, http.StatusCreated, e.do(http.MethodPut, e.compute("cpu-cluster"), amlBody(0, 1, "PT1M")).status)
	r := e.do(http.MethodPut, e.compute("gpu-cluster"), amlBody(0, 1, "PT1M"))
	require.Equal(t, http.StatusCreated, r.status, "the failure shows in the operation, not the PUT")
	op := r.header.Get("Azure-AsyncOperation")
	require.Equal(t, "InProgress", e.do(http.MethodGet, op, nil).body["status"])
	e.clock.Advance(3 * time.Second)

	st := e.do(http.MethodGet, op, nil)
	require.Equal(t, "Failed", st.body["status"])
	require.Equal(t, map[string]any{"code": "QuotaExceeded", "message": "no GPU quota"}, st.body["error"])
	got := e.do(http.MethodGet, e.compute("gpu-cluster"), nil).props(false)
	require.Equal(t, "Failed", got["provisioningState"])
	require.Equal(t, []any{map[string]any{"error": map[string]any{"code": "QuotaExceeded", "message": "no GPU quota"}}},
		got["provisioningErrors"])
	require.Equal(t, "Succeeded", e.do(http.MethodGet, e.compute("cpu-cluster"), nil).props(false)["provisioningState"])
	require.Equal(t, 1, fail.Fired())

	// A second create of the failed compute starts over and succeeds.
	r = e.do(http.MethodPut, e.compute("gpu-cluster"), amlBody(0, 1, "PT1M"))
	require.Equal(t, http.StatusCreated, r.status)
	e.clock.Advance(3 * time.Second)
	require.Equal(t, "Succeeded", e.do(http.MethodGet, r.header.Get("Azure-AsyncOperation"), nil).body["status"])
	require.Nil(t, e.do(http.MethodGet, e.compute("gpu-cluster"), nil).props(false)["provisioningErrors"])
}

func TestFaultsClearAndDefaults(t *testing.T) {
	e := newEnv(t, nil)
	f := e.s.Faults()
	fail := f.FailNextCreate("cpu-cluster")
	f.Throttle("", "", 5, 0)
	f.Clear()
	require.Equal(t, http.StatusOK, e.do(http.MethodGet, e.s.WorkspaceID(), nil).status)
	e.create("cpu-cluster", amlBody(0, 1, "PT1M"))
	require.Zero(t, fail.Fired())
	require.Equal(t, "fail-create", fail.Kind().String())
}
