#!/usr/bin/env bash
# Benchmarks of the experiment package on the local target (runs on a clean
# clone with Go and python3). Prints, side by side in one run:
#   bench: local-submit-overhead ms=X goal<=25
#   bench: local-log-latency-p99 ms=X goal<=100
#   bench: local-env-cached ms=X goal<=50 conda_invocations=0
#   bench: listruns-1000 ms=X goal<=50
#   bench: runfolder-follow-p99 ms=X goal<=100
# Each localbench figure is the median of >= 5 repetitions (-n, default 7);
# arguments go to localbench (e.g. -only submit -n 15 -trace FILE).
# runfolder-follow-p99 is internal/runfolder's BenchmarkFollowLatency: the
# print-to-writer delay of runfolder.Follow alone, for 100 lines printed at
# mixed intervals (about 12 s).
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./bench/localbench "$@"
out=$(go test -run '^$' -bench '^BenchmarkFollowLatency$' -benchtime 1x -v ./internal/runfolder/)
line=$(printf '%s\n' "$out" | sed -n 's/^.*\(bench: runfolder-follow-p99 .*\)$/\1/p' | tail -n 1)
if [ -z "$line" ]; then
  printf '%s\n' "$out" >&2
  echo "local.sh: BenchmarkFollowLatency printed no figure" >&2
  exit 1
fi
echo "$line"
