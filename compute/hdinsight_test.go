package compute_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/compute"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/store"
	"github.com/azureml-go/azureml/runconfig"
)

func TestSparkSubmitArgs(t *testing.T) {
	rc := runconfig.New()
	rc.Framework = runconfig.FrameworkPySpark
	rc.Spark.Configuration = map[string]string{"spark.executor.cores": "2", "spark.app.name": "Azure ML Experiment"}
	tests := []struct {
		name string
		edit func(rc *runconfig.RunConfiguration)
		want string
	}{
		{"defaults", func(rc *runconfig.RunConfiguration) {},
			"--master yarn --deploy-mode cluster " +
				"--packages com.microsoft.ml.spark:mmlspark_2.11:0.12 --repositories https://mmlspark.azureedge.net/maven " +
				"--conf spark.app.name=Azure ML Experiment --conf spark.executor.cores=2 train.py --alpha 1"},
		{"client mode, no packages", func(rc *runconfig.RunConfiguration) {
			rc.HDI.YarnDeployMode = runconfig.YarnDeployModeClient
			rc.Environment.Spark.Packages, rc.Environment.Spark.Repositories = nil, nil
			rc.Spark.Configuration = nil
		}, "--master yarn --deploy-mode client train.py --alpha 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := rc.Clone()
			tt.edit(c)
			got := compute.SparkSubmitArgs(c, "train.py", []string{"--alpha", "1"})
			require.Equal(t, tt.want, strings.Join(got, " "))
		})
	}
}

func TestHDInsightRejectsNonSparkBeforeConnecting(t *testing.T) {
	ws := newWorkspace(t)
	st, err := store.Open(t.Context(), ws.LocalDir())
	require.NoError(t, err)
	// An address nothing answers on: a connection attempt would time out.
	require.NoError(t, st.WriteJSON(t.Context(), "computes/hdi1", map[string]any{"name": "hdi1", "kind": "HDInsight",
		"properties": map[string]string{"address": "192.0.2.1", "username": "sshuser", "private_key_file": "/k"}}))
	target, err := compute.Get(t.Context(), ws, "hdi1")
	require.NoError(t, err)
	hdi, ok := target.(*compute.HDInsight)
	require.True(t, ok, "%T", target)
	for _, edit := range []func(rc *runconfig.RunConfiguration){
		func(rc *runconfig.RunConfiguration) { rc.Framework = runconfig.FrameworkPython },
		func(rc *runconfig.RunConfiguration) {
			rc.Framework, rc.Environment.Docker.Enabled = runconfig.FrameworkPySpark, true
		},
	} {
		job := sshJob(t, "run_py", map[string]string{"s.py": ""}, "s.py")
		edit(job.Config)
		err := hdi.Start(t.Context(), job)
		var fe *compute.FrameworkError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, compute.KindHDInsight, fe.Kind)
	}
}

// sparkStandIn records its arguments in ~/spark-submit.args and runs the
// entry script (the first argument that is not a spark-submit option)
// with python3, as spark-submit runs a PySpark driver.
const sparkStandIn = `#!/bin/sh
printf '%s\n' "$@" > "$HOME/spark-submit.args"
while [ $# -gt 0 ]; do
  case "$1" in --master|--deploy-mode|--packages|--repositories|--conf) shift 2 ;; *) break ;; esac
done
exec python3 "$@"
`

func TestHDInsightSparkSubmitOverSSH(t *testing.T) {
	srv := sshtest.Start(t)
	bin := filepath.Join(srv.Home, "bin")
	require.NoError(t, os.MkdirAll(bin, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(bin, "spark-submit"), []byte(sparkStandIn), 0o755))

	ws := newWorkspace(t)
	cfg := &compute.HDInsightAttachConfig{Username: srv.User, Address: "127.0.0.1", SSHPort: srv.Port,
		PrivateKeyFile: srv.KeyFile, KnownHostsFile: srv.KnownHosts}
	op, err := compute.AttachHDInsight(t.Context(), ws, "hdi-test", cfg, nil)
	require.NoError(t, err)
	_, err = op.WaitForCompletion(t.Context(), nil)
	require.NoError(t, err)
	target, err := compute.Get(t.Context(), ws, "hdi-test")
	require.NoError(t, err)
	hdi := target.(*compute.HDInsight)

	script := "import sys, os\nprint('driver args', sys.argv[1:], flush=True)\n" +
		"os.makedirs('outputs', exist_ok=True)\nopen('outputs/result.txt', 'w').write('spark ok')\n"
	job := sshJob(t, "run_spark", map[string]string{"driver.py": script}, "driver.py", "--rows", "10")
	job.Config.Framework = runconfig.FrameworkPySpark
	job.Config.HDI.YarnDeployMode = runconfig.YarnDeployModeClient
	job.Config.Spark.Configuration = map[string]string{"spark.executor.memory": "1g"}
	job.Config.Environment.EnvironmentVariables = map[string]string{"PATH": bin + ":/usr/bin:/bin"}
	require.NoError(t, hdi.Start(t.Context(), job))
	var log bytes.Buffer
	_, st, err := hdi.Follow(t.Context(), job, 0, &log)
	require.NoError(t, err)
	require.Equal(t, compute.JobCompleted, st.State, log.String())
	require.Contains(t, log.String(), "driver args ['--rows', '10']")
	require.Contains(t, log.String(), "azureml-go: spark-submit: "+filepath.Join(bin, "spark-submit")+" --master yarn")

	args, err := os.ReadFile(filepath.Join(srv.Home, "spark-submit.args"))
	require.NoError(t, err)
	want := []string{"--master", "yarn", "--deploy-mode", "client",
		"--packages", "com.microsoft.ml.spark:mmlspark_2.11:0.12", "--repositories", "https://mmlspark.azureedge.net/maven",
		"--conf", "spark.executor.memory=1g", "driver.py", "--rows", "10"}
	require.Equal(t, want, strings.Split(strings.TrimSpace(string(args)), "\n"))

	require.NoError(t, hdi.CollectOutputs(t.Context(), job))
	out, err := os.ReadFile(filepath.Join(job.RunDir, "outputs", "result.txt"))
	require.NoError(t, err)
	require.Equal(t, "spark ok", string(out))
}
