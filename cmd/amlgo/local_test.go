package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const trainScript = `import json, os, sys, time
print("args", sys.argv[1:], flush=True)
os.makedirs("outputs", exist_ok=True)
with open("outputs/model.json", "w") as f:
    f.write('{"w": 1}')
with open(os.environ["AZUREML_METRICS_FILE"], "a") as f:
    f.write(json.dumps({"name": "accuracy", "value": 0.75}) + "\n")
if "--fail" in sys.argv:
    sys.exit(3)
if "--sleep" in sys.argv:
    time.sleep(60)
print("done", flush=True)
`

// project writes the training script into c's working folder, under src/.
func (c *cli) project() {
	src := filepath.Join(c.workDir, "src")
	require.NoError(c.t, os.MkdirAll(src, 0o755))
	require.NoError(c.t, os.WriteFile(filepath.Join(src, "train.py"), []byte(trainScript), 0o644))
}

func (c *cli) paths() map[string]string {
	return map[string]string{c.wsDir: "WORKSPACE", c.workDir: "WORK"}
}

// runID returns the run_id of a JSON result.
func runID(t *testing.T, out string) string {
	var v struct {
		RunID string `json:"run_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v), out)
	require.NotEmpty(t, v.RunID)
	return v.RunID
}

func TestLocalRunCompleted(t *testing.T) {
	c := newCLI(t)
	c.project()
	r := c.ok("run", "submit-script", "train.py", "-e", "demo", "-d", "src", "--python", "python3", "-o", "json", "--", "--epochs", "2")
	golden(t, "submit-completed.json", normalize(r.stdout, c.paths()))
	require.Contains(t, r.stderr, "args ['--epochs', '2']", "the log streams to stderr with -o json")
	require.NotContains(t, r.stderr, uploadLabel, "the local target uploads nothing")
	id := runID(t, r.stdout)

	show := c.ok("run", "show", id, "-o", "json")
	require.Equal(t, r.stdout, show.stdout, "a later process sees the same run")
	golden(t, "run-list.json", normalize(c.ok("run", "list", "-e", "demo", "-o", "json").stdout, c.paths()))
	golden(t, "experiment-list.json", normalize(c.ok("experiment", "list", "-o", "json").stdout, c.paths()))
	require.Regexp(t, `(?m)^demo\s+1\s+`+id+`\s+Completed\s`, c.ok("experiment", "list").stdout)
	logs := c.ok("run", "logs", id)
	require.Contains(t, logs.stdout, "done")

	dl := c.ok("run", "download-outputs", id, "--destination", "out", "-o", "json")
	golden(t, "download-outputs.json", normalize(dl.stdout, c.paths()))
	b, err := os.ReadFile(filepath.Join(c.workDir, "out", "model.json"))
	require.NoError(t, err)
	require.Equal(t, `{"w": 1}`, string(b))

	table := c.ok("run", "show", id)
	require.Contains(t, table.stdout, "metric accuracy:  0.75")
	require.Contains(t, c.ok("run", "show", id, "-o", "yaml").stdout, "status: Completed\n")
}

func TestLocalRunFailedAndCanceled(t *testing.T) {
	c := newCLI(t)
	c.project()
	r := c.run("run", "submit-script", "train.py", "-e", "demo", "-d", "src", "--python", "python3", "-q", "--", "--fail")
	require.Equal(t, exitRunFailed, r.code, r.stderr)
	require.Contains(t, r.stdout, "status:           Failed")
	require.Equal(t, 1, strings.Count(r.stderr, "\n"), "one error line: %q", r.stderr)
	require.Regexp(t, `^amlgo: run \S+ ended Failed: .*exited with code 3; hint: see the log with: amlgo run logs \S+\n$`, r.stderr)

	r = c.ok("run", "submit-script", "train.py", "-e", "demo", "-d", "src", "--python", "python3", "--no-wait", "-o", "json", "--", "--sleep")
	id := runID(t, r.stdout)
	cancel := c.ok("run", "cancel", id, "-o", "json")
	require.Contains(t, cancel.stdout, `"status": "Canceled"`)
	w := c.run("run", "wait", id, "-q")
	require.Equal(t, exitRunCanceled, w.code, w.stderr)
	list := c.ok("run", "list", "-e", "demo", "--status", "Canceled", "-o", "json")
	require.Contains(t, list.stdout, id)
	require.NotContains(t, list.stdout, "Failed")
}

// TestCtrlCStopsFollowing interrupts a wait: amlgo exits 130 and says how
// to re-attach, and the run goes on.
func TestCtrlCStopsFollowing(t *testing.T) {
	c := newCLI(t)
	c.project()
	r := c.ok("run", "submit-script", "train.py", "-e", "demo", "-d", "src", "--python", "python3", "--no-wait", "-o", "json", "--", "--sleep")
	id := runID(t, r.stdout)
	t.Cleanup(func() { c.run("run", "cancel", id) })

	cmd := c.command("run", "wait", id)
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "args") }, 20*time.Second, 50*time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	err := cmd.Wait()
	require.Error(t, err)
	require.Equal(t, exitInterrupted, cmd.ProcessState.ExitCode(), out.String())
	require.Contains(t, out.String(), "re-attach with: amlgo run wait "+id)

	show := c.ok("run", "show", id, "-o", "json")
	require.Contains(t, show.stdout, `"status": "Running"`, "Ctrl-C stops following, never the run")
}
