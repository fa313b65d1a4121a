package compute

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/azureml-go/azureml/runconfig"
)

// SparkSubmitCommand is the program HDInsight runs jobs with, looked up
// on the head node's PATH (the run's PATH when the configuration sets one).
const SparkSubmitCommand = "spark-submit"

// SparkSubmitArgs returns the spark-submit arguments (after the program
// name) for a PySpark run of script with args under rc: --master yarn,
// --deploy-mode (hdi.yarnDeployMode, default cluster), --packages
// group:artifact:version,... and --repositories from environment.spark,
// --conf key=value for each spark.configuration entry in key order, then
// script and args. It does no I/O.
func SparkSubmitArgs(rc *runconfig.RunConfiguration, script string, args []string) []string {
	mode := string(rc.HDI.YarnDeployMode)
	if mode == "" {
		mode = string(runconfig.YarnDeployModeCluster)
	}
	out := []string{"--master", "yarn", "--deploy-mode", mode}
	spark := rc.Environment.Spark
	if len(spark.Packages) > 0 {
		pkgs := make([]string, len(spark.Packages))
		for i, p := range spark.Packages {
			pkgs[i] = p.Group + ":" + p.Artifact + ":" + p.Version
		}
		out = append(out, "--packages", strings.Join(pkgs, ","))
	}
	if len(spark.Repositories) > 0 {
		out = append(out, "--repositories", strings.Join(spark.Repositories, ","))
	}
	for _, k := range slices.Sorted(maps.Keys(rc.Spark.Configuration)) {
		out = append(out, "--conf", k+"="+rc.Spark.Configuration[k])
	}
	out = append(out, script)
	return append(out, args...)
}

// sparkLaunch runs the job's script with spark-submit on the head node.
func sparkLaunch(ctx context.Context, conn remoteConn, job *Job, _ string, env map[string]string, log io.Writer) (*launch, error) {
	found, err := lookRemote(ctx, conn, []string{SparkSubmitCommand}, env["PATH"])
	if err != nil {
		return nil, &SparkSubmitError{Err: err}
	}
	py := job.Config.Environment.Python
	if py.UserManagedDependencies && py.InterpreterPath != "" && py.InterpreterPath != "python" {
		if _, set := env["PYSPARK_PYTHON"]; !set {
			env["PYSPARK_PYTHON"] = py.InterpreterPath
		}
	}
	argv := append([]string{found.path}, SparkSubmitArgs(job.Config, job.Script, job.Arguments)...)
	info := EnvironmentInfo{Mode: "spark", Interpreter: env["PYSPARK_PYTHON"], Tool: found.path}
	fmt.Fprintf(log, "azureml-go: spark-submit: %s\n", strings.Join(redactConf(argv), " "))
	return &launch{argv: argv, env: env, info: info}, nil
}

// redactConf returns argv with the values of --conf entries whose key
// looks like a secret (key, secret, password, token, sas) replaced.
func redactConf(argv []string) []string {
	out := slices.Clone(argv)
	for i := 1; i < len(out); i++ {
		if out[i-1] != "--conf" {
			continue
		}
		k, _, _ := strings.Cut(out[i], "=")
		lk := strings.ToLower(k)
		for _, w := range []string{"key", "secret", "password", "token", "sas", "credential"} {
			if strings.Contains(lk, w) {
				out[i] = k + "=" + redacted
				break
			}
		}
	}
	return out
}

// SparkSubmitError reports a head node without spark-submit on its PATH.
type SparkSubmitError struct {
	// Err says where it was looked for.
	Err error
}

// Error implements error.
func (e *SparkSubmitError) Error() string {
	return fmt.Sprintf("compute: %s not found on the HDInsight head node: %v", SparkSubmitCommand, e.Err)
}

// Unwrap returns the look-up failure.
func (e *SparkSubmitError) Unwrap() error { return e.Err }
