package compute_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/runconfig"
)

// sparkStandInChild is a spark-submit stand-in that, unlike sparkStandIn,
// stays the parent of the PySpark driver (no exec), as the real launcher
// (a JVM) does.
const sparkStandInChild = `#!/bin/sh
while [ $# -gt 0 ]; do
  case "$1" in --master|--deploy-mode|--packages|--repositories|--conf) shift 2 ;; *) break ;; esac
done
python3 "$@"
exit $?
`

// sparkDriverWithChild starts a grandchild that sleeps (its argv carries
// the marker given as the first argument), then sleeps itself.
const sparkDriverWithChild = `import subprocess, sys, time
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", sys.argv[1]])
print("driver up", flush=True)
time.sleep(300)
`

// processesMatching returns the command lines of live processes that
// contain every one of parts.
func processesMatching(parts ...string) []string {
	var out []string
	dirs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, f := range dirs {
		raw, err := os.ReadFile(f)
		if err != nil || len(raw) == 0 {
			continue
		}
		cmd := strings.ReplaceAll(string(raw), "\x00", " ")
		all := true
		for _, p := range parts {
			all = all && strings.Contains(cmd, p)
		}
		if all {
			out = append(out, cmd)
		}
	}
	return out
}

func TestHDInsightCancelStopsSparkSubmitProcessGroup(t *testing.T) {
	srv := sshtest.Start(t)
	bin := filepath.Join(srv.Home, "bin")
	require.NoError(t, os.MkdirAll(bin, 0o755))
	submit := filepath.Join(bin, "spark-submit")
	require.NoError(t, os.WriteFile(submit, []byte(sparkStandInChild), 0o755))
	ws := newWorkspace(t)
	op, err := compute.AttachHDInsight(t.Context(), ws, "hdi-cancel", &compute.HDInsightAttachConfig{Username: srv.User,
		Address: "127.0.0.1", SSHPort: srv.Port, PrivateKeyFile: srv.KeyFile, KnownHostsFile: srv.KnownHosts}, nil)
	require.NoError(t, err)
	hdi, err := op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err, srv.Log())

	marker := "hdi-grandchild-" + srv.User
	job := sshJob(t, "run_spark_cancel", map[string]string{"driver.py": sparkDriverWithChild}, "driver.py", marker)
	job.Config.Framework = runconfig.FrameworkPySpark
	job.Config.Environment.EnvironmentVariables = map[string]string{"PATH": bin + ":/usr/bin:/bin"}
	require.NoError(t, hdi.Start(t.Context(), job))
	// Whatever happens below, leave no process behind.
	t.Cleanup(func() { _ = hdi.Cancel(context.WithoutCancel(t.Context()), job) })
	require.Eventually(t, func() bool {
		return len(processesMatching("sleep(300)", marker)) == 1 && len(processesMatching("python3 driver.py", marker)) == 1 &&
			len(processesMatching(submit)) == 1
	}, 20*time.Second, 50*time.Millisecond, "spark-submit, the driver and its child run")

	require.NoError(t, hdi.Cancel(t.Context(), job))
	require.Eventually(t, func() bool {
		return len(processesMatching(marker)) == 0 && len(processesMatching(submit)) == 0
	}, 10*time.Second, 50*time.Millisecond, "cancel stops spark-submit's whole process group")
	st, err := hdi.Status(t.Context(), job)
	require.NoError(t, err)
	require.Equal(t, compute.JobCanceled, st.State)
	var log bytes.Buffer
	_, st, err = hdi.Follow(t.Context(), job, 0, &log)
	require.NoError(t, err)
	require.Equal(t, compute.JobCanceled, st.State)
	require.Contains(t, log.String(), "driver up\n")
	require.NoError(t, hdi.Cancel(t.Context(), job), "canceling an ended run is not an error")
}
