package workspacetest_test

import (
	"bytes"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/testenv"
)

const trainPy = `import os, sys, time
print("start", os.environ["GREETING"], os.environ["AZUREML_RUN_ID"], flush=True)
time.sleep(float(sys.argv[1]))
os.makedirs("outputs", exist_ok=True)
open("outputs/model.txt", "w").write("weights")
for i in range(3):
    print("epoch", i, flush=True)
`

func TestJobRunsStreamsLogAndRaisesClusterDemand(t *testing.T) {
	testenv.LookPath(t, "python3")
	e := newLiveEnv(t)
	e.cluster("cpu-cluster", 2)
	code := e.uploadCode("code1", "h1", map[string]string{"train.py": trainPy})
	envID := e.environment("env", "1")

	body := func(command string) map[string]any {
		return withInputs(commandJob(command, code, envID, e.compute("cpu-cluster")))
	}
	r := e.do(http.MethodPut, e.job("run-1"), body("python3 train.py ${{inputs.wait}}"))
	require.Equal(t, http.StatusCreated, r.status, "%s", r.raw)
	require.Equal(t, "NotStarted", r.props(false)["status"])
	retag := body("python3 train.py ${{inputs.wait}}")
	retag["properties"].(map[string]any)["tags"] = map[string]string{"k": "v"}
	r = e.do(http.MethodPut, e.job("run-1"), retag)
	require.Equal(t, http.StatusOK, r.status, "a re-PUT with new tags: %s", r.raw)
	require.Equal(t, map[string]any{"k": "v"}, r.props(false)["tags"])
	bad := e.do(http.MethodPut, e.job("run-1"), body("python3 other.py"))
	require.Equal(t, http.StatusBadRequest, bad.status)
	require.Equal(t, "properties.command", bad.errorTarget())
	studio := r.props(false)["services"].(map[string]any)["Studio"].(map[string]any)["endpoint"].(string)
	require.Contains(t, studio, "https://ml.azure.com/runs/run-1")

	seen := e.waitStatus("run-1", "Running", 10*time.Second)
	require.Contains(t, seen, "Provisioning", "the cluster had no node: %v", seen)
	nodes := e.do(http.MethodGet, e.compute("cpu-cluster"), nil).props(true)
	require.EqualValues(t, 1, nodes["currentNodeCount"], "the job's node")
	require.EqualValues(t, 1, nodes["nodeStateCounts"].(map[string]any)["runningNodeCount"])

	eventually(t, 5*time.Second, "the first line in the log while running", func() bool {
		return strings.Contains(e.userLog("run-1"), "start hello run-1\n")
	})
	require.Equal(t, "Running", e.status("run-1"), "the log was readable before the end")
	seen = e.waitStatus("run-1", "Completed", 15*time.Second)
	require.Contains(t, seen, "Finalizing")
	require.Equal(t, "start hello run-1\nepoch 0\nepoch 1\nepoch 2\n", e.userLog("run-1"))

	d := e.details("run-1")
	require.Equal(t, http.StatusOK, d.status, "%s", d.raw)
	require.Equal(t, "Completed", d.body["status"])
	require.NotEmpty(t, d.body["startTimeUtc"])
	require.NotEmpty(t, d.body["endTimeUtc"])
	require.Nil(t, d.body["error"])
	warnings := d.body["warnings"].([]any)
	require.Len(t, warnings, 1)
	require.Contains(t, warnings[0].(map[string]any)["message"], "image was not built", "the gap is a warning")

	names := e.blobNames("ExperimentRun/dcid.run-1/")
	require.Contains(t, names, "ExperimentRun/dcid.run-1/outputs/model.txt")
	require.Contains(t, names, "ExperimentRun/dcid.run-1/user_logs/std_log.txt")
	eventually(t, 5*time.Second, "demand back to 0", func() bool {
		return e.do(http.MethodGet, e.compute("cpu-cluster"), nil).props(true)["nodeStateCounts"].(map[string]any)["runningNodeCount"] == 0.0
	})
}

func withInputs(body map[string]any) map[string]any {
	body["properties"].(map[string]any)["inputs"] = map[string]any{"wait": map[string]any{"jobInputType": "literal", "value": "0.7"}}
	return body
}

// blobNames lists the workspace container under prefix.
func (e *liveEnv) blobNames(prefix string) []string {
	e.t.Helper()
	ds := e.do(http.MethodGet, e.s.WorkspaceID()+"/datastores/workspaceblobstore", nil)
	require.Equal(e.t, http.StatusOK, ds.status, "%s", ds.raw)
	client, err := e.az.Client(nil)
	require.NoError(e.t, err)
	pager := client.ServiceClient().NewContainerClient(ds.props(false)["containerName"].(string)).
		NewListBlobsFlatPager(&container.ListBlobsFlatOptions{Prefix: &prefix})
	var names []string
	for pager.More() {
		page, err := pager.NextPage(e.t.Context())
		require.NoError(e.t, err)
		for _, b := range page.Segment.BlobItems {
			names = append(names, *b.Name)
		}
	}
	return names
}

func TestFailingJobEndsFailedWithTheLogTail(t *testing.T) {
	e := newLiveEnv(t)
	e.cluster("cpu-cluster", 1)
	envID := e.environment("env", "1")
	cmd := "for i in 1 2 3 4 5; do echo line$i; done; echo boom >&2; exit 3"
	r := e.do(http.MethodPut, e.job("bad"), commandJob(cmd, "", envID, e.compute("cpu-cluster")))
	require.Equal(t, http.StatusCreated, r.status, "%s", r.raw)
	e.waitStatus("bad", "Failed", 15*time.Second)
	d := e.details("bad")
	msg := d.body["error"].(map[string]any)["error"].(map[string]any)["message"].(string)
	require.Contains(t, msg, "status code 3")
	require.Contains(t, msg, "line5\nboom")
	require.Equal(t, "line1\nline2\nline3\nline4\nline5\nboom\n", e.userLog("bad"))
}

func TestCancelMidRunKillsTheProcess(t *testing.T) {
	e := newLiveEnv(t)
	e.cluster("cpu-cluster", 1)
	envID := e.environment("env", "1")
	r := e.do(http.MethodPut, e.job("long"), commandJob("echo pid=$$; sleep 60 & wait", "", envID, e.compute("cpu-cluster")))
	require.Equal(t, http.StatusCreated, r.status, "%s", r.raw)
	var pid int
	eventually(t, 10*time.Second, "the pid in the log", func() bool {
		m := regexp.MustCompile(`pid=(\d+)`).FindStringSubmatch(e.userLog("long"))
		if m != nil {
			pid, _ = strconv.Atoi(m[1])
		}
		return m != nil
	})
	r = e.do(http.MethodPost, e.job("long")+"/cancel", nil)
	require.Equal(t, http.StatusAccepted, r.status, "%s", r.raw)
	loc := r.header.Get("Location")
	require.NotEmpty(t, loc)
	require.Equal(t, "1", r.header.Get("Retry-After"))
	require.Contains(t, []string{"CancelRequested", "Canceled"}, e.status("long"))
	eventually(t, 10*time.Second, "the cancel operation to end", func() bool {
		return e.do(http.MethodGet, loc, nil).status == http.StatusOK
	})
	require.Equal(t, "Canceled", e.status("long"))
	require.Empty(t, liveMembers(t, pid), "the process group is gone (only zombies may wait for their reaper)")
	r = e.do(http.MethodPost, e.job("long")+"/cancel", nil)
	require.Equal(t, http.StatusOK, r.status, "cancel of an ended job")

	r = e.do(http.MethodDelete, e.job("long"), nil)
	require.Equal(t, http.StatusOK, r.status)
	require.Equal(t, http.StatusNotFound, e.do(http.MethodGet, e.job("long"), nil).status)
}

// liveMembers lists the processes of group pgid that are not zombies,
// from /proc.
func liveMembers(t *testing.T, pgid int) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	require.NoError(t, err)
	var live []string
	for _, ent := range entries {
		stat, err := os.ReadFile("/proc/" + ent.Name() + "/stat")
		if err != nil {
			continue // not a process, or gone
		}
		i := bytes.LastIndexByte(stat, ')')
		f := strings.Fields(string(stat[i+1:])) // state ppid pgrp ...
		if len(f) > 2 && f[2] == strconv.Itoa(pgid) && f[0] != "Z" {
			live = append(live, string(stat[:i+1]))
		}
	}
	return live
}

func TestTimeoutCancelsTheJob(t *testing.T) {
	e := newLiveEnv(t)
	e.cluster("cpu-cluster", 1)
	body := commandJob("sleep 30", "", e.environment("env", "1"), e.compute("cpu-cluster"))
	body["properties"].(map[string]any)["limits"] = map[string]any{"jobLimitsType": "Command", "timeout": "PT0.5S"}
	require.Equal(t, http.StatusCreated, e.do(http.MethodPut, e.job("slow"), body).status)
	e.waitStatus("slow", "Canceled", 10*time.Second)
	e1 := e.details("slow").body["error"].(map[string]any)["error"].(map[string]any)
	require.Equal(t, "JobTimeout", e1["code"])
	require.Contains(t, e1["message"], "PT0.5S")
}
