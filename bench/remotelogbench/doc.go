// Package remotelogbench measures how fast a remote run's log reaches the
// client over SSH. Its benchmark, BenchmarkRemoteLogLatency (run by
// bench/remotelog.sh), attaches a loopback OpenSSH server started by
// internal/sshtest as a RemoteVM target, submits a script that prints
// its own clock (time.time_ns) on each line at mixed intervals, and
// records, for each line, the delay from that timestamp to the moment
// experiment's Run.WaitForCompletion hands the line to its writer. Client
// and host share one clock, so no skew enters the figure. It prints
//
//	bench: remote-log-latency-p99 ms=X goal<=250 (p50 Y ms over N lines)
//	bench: remote-log-latency-p50 ms=Y
//
// The package has no code of its own; it needs root and sshd (see
// package sshtest).
package remotelogbench
