// Package azuritetest runs a real Azurite blob server (azurite-blob) on the
// loopback interface for tests and benchmarks.
//
// [Start] launches one for the rest of a test on a free port of 127.0.0.1,
// with its data in a temporary folder, and stops it by PID in t.Cleanup, so
// no process is left behind. [Launch] does the same without a testing.TB,
// for a TestMain that shares one server between tests or for a benchmark
// driver; the caller then calls [Server.Close].
//
// The server always runs with --skipApiVersionCheck (azblob v1.8.3 sends an
// API version newer than Azurite 3.37.0 knows, which it otherwise rejects
// with 400), --disableTelemetry and --silent.
//
// # Where the binary comes from
//
// [Find] looks, in order, at $AZUREML_GO_AZURITE (the path of an azurite-blob
// executable), at azurite-blob on PATH, and at
// $XDG_CACHE_HOME/azureml-go/azurite/node_modules/.bin/azurite-blob (by
// default ~/.cache/azureml-go/azurite/...), which scripts/deps.sh fills with
// `npm install azurite@3.37.0`. Node.js must be on PATH. When none is found,
// [Start] skips the test, or fails it when AZUREML_GO_INTEGRATION=require
// (see package testenv).
//
// # Accounts and SAS
//
// Azurite serves the well-known development account [AccountName] with
// [AccountKey]. [Server.NewContainer] creates a container and returns a
// container SAS URL with read, add, create, write and list permissions, as
// the workspace's startPendingUpload hands out.
package azuritetest
