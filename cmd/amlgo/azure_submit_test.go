package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/experiment"
	"github.com/azureml-go/azureml/internal/azuritetest"
	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/workspace/workspacetest"
)

// azureScript prints numbered lines (the log to stream) and fails with
// exit code 3 when given --fail.
const azureScript = `import sys
for i in range(5):
    print("epoch %d loss %.2f" % (i, 1.0 / (i + 1)), flush=True)
if "--fail" in sys.argv:
    print("diverged", flush=True)
    sys.exit(3)
print("training done", flush=True)
`

// launchAzurite starts a real Azurite for the test, or marks the tool
// missing.
func launchAzurite(t *testing.T) *azuritetest.Server {
	t.Helper()
	az, err := azuritetest.Launch(context.Background(), nil)
	var nf *azuritetest.NotFoundError
	if errors.As(err, &nf) {
		testenv.Missing(t, "azurite-blob", nf.Error())
	}
	require.NoError(t, err)
	t.Cleanup(func() { _ = az.Close() })
	return az
}

// sasSignature finds a SAS signature that is not redacted.
var sasSignature = regexp.MustCompile(`(?i)sig(=|%3D)([^R&\s"]|R[^E])`)

// requireNoSecrets checks that no output of rs shows a SAS signature or
// the storage account's key.
func requireNoSecrets(t *testing.T, rs ...result) {
	t.Helper()
	for _, r := range rs {
		out := r.stdout + r.stderr
		require.NotRegexp(t, sasSignature, out)
		require.NotContains(t, out, azuritetest.AccountKey)
	}
}

// TestAzureSubmitScript runs "run submit-script" against the emulator
// with real blob storage: the snapshot is uploaded with progress lines
// (plain ones, as stdout is a pipe), the run's log streams and amlgo
// exits 0; --quiet prints neither; a failing script exits with the
// run-failure code; no SAS signature shows anywhere, even under
// --verbose.
func TestAzureSubmitScript(t *testing.T) {
	az := launchAzurite(t)
	e := newEmulatedWith(t, &workspacetest.Options{
		Storage:           &workspacetest.BlobStorage{ServiceURL: az.ServiceURL, AccountName: azuritetest.AccountName, AccountKey: azuritetest.AccountKey},
		ProvisioningDelay: 50 * time.Millisecond, NodeStartDelay: 100 * time.Millisecond,
		JobStateDelay: 50 * time.Millisecond, RetryAfter: time.Second,
	})
	e.env = append(e.env, experiment.AzureCacheEnv+"="+t.TempDir())
	e.ok("computetarget", "create", "amlcompute", "--name", "cpu-cluster", "--vm-size", "Standard_D2_v2", "--max-nodes", "2", "-q")

	src := filepath.Join(e.workDir, "src")
	write := func(name, body string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(src, name), []byte(body), 0o644))
	}
	write("train.py", azureScript)
	for i := range 30 {
		write(fmt.Sprintf("data/shard%02d.csv", i), strings.Repeat(fmt.Sprintf("%d,", i), 20_000))
	}
	submit := func(extra ...string) result {
		args := append([]string{"run", "submit-script", "train.py", "-e", "azure-demo", "-t", "cpu-cluster", "-d", "src",
			"--python", "python3"}, extra...)
		return e.run(args...)
	}

	ok := submit()
	require.Equal(t, exitOK, ok.code, "stdout:\n%s\nstderr:\n%s", ok.stdout, ok.stderr)
	require.Regexp(t, `(?m)^uploading snapshot: \d+/31 files, [0-9.]+ [KM]iB/[0-9.]+ [KM]iB, [0-9.]+ [KM]?i?B/s$`, ok.stdout,
		"plain progress lines: files, bytes and rate")
	require.Regexp(t, `(?m)^uploading snapshot: done, 31 files, [0-9.]+ [KM]iB \([0-9.]+ [KM]iB sent\) in [0-9.]+m?s, `, ok.stdout)
	require.NotContains(t, ok.stdout, "\r", "no in-place rewriting when stdout is not a terminal")
	for _, l := range strings.Split(ok.stdout, "\n") {
		if strings.HasPrefix(l, "uploading snapshot") {
			require.Less(t, strings.Index(ok.stdout, l), strings.Index(ok.stdout, "submitted run "), "the upload comes before the run")
		}
	}
	for i := range 5 {
		require.Contains(t, ok.stdout, fmt.Sprintf("epoch %d loss", i), "the log streams")
	}
	require.Contains(t, ok.stdout, "training done")
	require.Contains(t, ok.stdout, "Completed")

	again := submit("-o", "json")
	require.Equal(t, exitOK, again.code, again.stderr)
	require.NotContains(t, again.stdout+again.stderr, "uploading snapshot", "an unchanged folder uploads nothing")
	require.Contains(t, again.stderr, "training done", "the log goes to stderr with -o json")

	write("data/shard07.csv", "changed\n")
	quiet := submit("--quiet")
	require.Equal(t, exitOK, quiet.code, quiet.stderr)
	require.NotContains(t, quiet.stdout+quiet.stderr, "uploading snapshot", "--quiet shows no upload")
	require.NotContains(t, quiet.stdout+quiet.stderr, "epoch 0", "--quiet streams no log")

	write("data/shard08.csv", "changed too\n")
	failed := submit("--verbose", "--", "--fail")
	require.Equal(t, exitRunFailed, failed.code, "stdout:\n%s\nstderr:\n%s", failed.stdout, failed.stderr)
	require.Contains(t, failed.stdout, "diverged")
	require.Regexp(t, `(?m)^uploading snapshot: done, 31 files, .*\(1[0-9] B sent\)`, failed.stdout, "only the changed file travels")
	require.Contains(t, failed.stderr, "sig=REDACTED", "--verbose traces the blob requests, signatures redacted")
	requireNoSecrets(t, ok, again, quiet, failed)
}
