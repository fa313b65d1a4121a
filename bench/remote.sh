#!/usr/bin/env bash
# Remote upload benchmark: remotesync.Sync vs `rsync -a` over ssh to a
# loopback sshd (started by the test harness, needs root and sshd; see
# scripts/deps.sh). Prints `bench: NAME ratio=X goal<=1.0` lines: the
# first upload of 1,000 files / 100 MB (time), and a re-upload after one
# changed file (bytes on the wire, counted by a TCP proxy, and time).
# Sync builds a fresh run folder each time; rsync updates its own copy.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench '^BenchmarkRemoteVsRsync$' -benchtime 1x ./internal/remotesync/ | grep '^bench:'
