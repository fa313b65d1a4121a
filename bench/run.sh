#!/usr/bin/env bash
# Runs every benchmark script in this folder and prints their figures, one
# line each: "bench: NAME ratio=X goal<=Y" (or ms=X). Run from a clean clone:
#   bash bench/run.sh            # all
#   bash bench/run.sh snapshot   # only bench/snapshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
only="${1:-}"
status=0
for s in bench/*.sh; do
  name=$(basename "$s" .sh)
  [ "$name" = run ] && continue
  [ -n "$only" ] && [ "$name" != "$only" ] && continue
  echo "== $name" >&2
  bash "$s" || { echo "bench: $name FAILED" ; status=1; }
done
exit $status
