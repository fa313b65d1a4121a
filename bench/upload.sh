#!/usr/bin/env bash
# Code upload benchmarks against a real Azurite on loopback (installed by
# scripts/deps.sh; bench/uploadbench starts and stops it):
#   1. first upload of 1,000 files / 100 MB: codeupload.Upload's throughput
#      over a plain azblob parallel upload of the same files (azcopy-like:
#      one Put Blob per file, same number of workers), median over RUNS
#      (default 5) rounds of one run each (after a warm-up round, the side
#      going first alternating), each run into a fresh container;
#   2. re-submission after one changed file: request body bytes the client
#      sends (the new snapshot goes to a fresh container, the rest is copied
#      server side from the previous one) over that file's size.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/snapbench" ./bench/snapshotbench
go build -o "$tmp/uploadbench" ./bench/uploadbench
"$tmp/snapbench" gen -files 1000 -bytes $((100 * 1000 * 1000)) "$tmp/tree"
cat "$tmp"/tree/*/* >/dev/null # warm the page cache once, for both sides
"$tmp/uploadbench" -runs "$RUNS" "$tmp/tree"
