#!/usr/bin/env bash
# Log line latency over SSH: a script on a loopback sshd (started by the
# test harness, needs root and sshd; see scripts/deps.sh) prints its clock
# on 250 lines at mixed intervals (5-120 ms), and each line's delay from
# being printed to reaching Run.WaitForCompletion's writer is recorded.
# Prints, over all lines of -benchtime runs (default 1, 250 lines):
#   bench: remote-log-latency-p99 ms=X goal<=250 (p50 Y ms over N lines)
#   bench: remote-log-latency-p50 ms=Y
# Arguments go to `go test` (e.g. -benchtime 3x).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(go test -run '^$' -bench '^BenchmarkRemoteLogLatency$' -benchtime 1x "$@" ./bench/remotelogbench/)
lines=$(printf '%s\n' "$out" | grep '^bench:' || true)
if [ -z "$lines" ]; then
  printf '%s\n' "$out" >&2
  echo "remotelog.sh: BenchmarkRemoteLogLatency printed no figure" >&2
  exit 1
fi
printf '%s\n' "$lines"
