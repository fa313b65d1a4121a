#!/usr/bin/env bash
# Benchmark of compute.CreateAmlCompute + WaitForCompletion against the
# in-process ARM emulator (workspace/workspacetest): a cluster whose
# provisioning takes 30 s, Retry-After 1 s. Prints
#   bench: amlcompute-create-polls ratio=X goal<=1.0 ms=W requests=N asked=M
# X = requests sent while waiting / requests the service asked for (one
# per Retry-After-bearing response, plus the final read of the compute
# that the async protocol prescribes after success); W = wait time.
# Arguments go to the driver (-provisioning 30s -retry-after 1s).
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./bench/amlcomputebench "$@"
