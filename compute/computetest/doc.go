// Package computetest provides mock compute targets for unit tests of code
// that submits runs, in the manner of net/http/httptest: a [Target] is a
// [compute.Runner] that runs nothing, plays back a scripted [Behavior]
// (states, log lines, output files, failures) and records every job it is
// given, with a copy of the job's run configuration.
//
//	target := computetest.NewTarget("cpu-cluster", computetest.Succeeds("epoch 1", "epoch 2"))
//	// ... hand target to the code under test, then:
//	jobs := target.Submitted()
package computetest
