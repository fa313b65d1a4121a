#!/usr/bin/env bash
# Benchmarks of the experiment package on the local target (runs on a clean
# clone with Go and python3). Prints, side by side in one run:
#   bench: local-submit-overhead ms=X goal<=25
#   bench: local-log-latency-p99 ms=X goal<=100
#   bench: local-env-cached ms=X goal<=50 conda_invocations=0
#   bench: listruns-1000 ms=X goal<=50
# Each figure is the median of >= 5 repetitions (-n, default 7).
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./bench/localbench "$@"
