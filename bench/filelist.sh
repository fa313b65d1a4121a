#!/usr/bin/env bash
# Lists a 100,000-file tree (80,000 of them in an ignored node_modules/) with
# the snapshot ignore walker and with `git ls-files --others
# --exclude-standard`, checks both lists are equal, and prints the median
# times and their ratio. Run from the repository root: bash bench/filelist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-7}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/filelist" ./bench/filelist
go build -o "$tmp/lsignore" ./snapshot/internal/ignore/cmd/lsignore
tree="$tmp/tree"
"$tmp/filelist" gen "$tree"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C
git init -q "$tree"

git -C "$tree" -c core.quotePath=false ls-files --others --exclude-standard | LC_ALL=C sort >"$tmp/git.txt"
"$tmp/lsignore" -mode git "$tree" >"$tmp/ours.txt"
if ! cmp -s "$tmp/git.txt" "$tmp/ours.txt"; then
  echo "filelist: lists differ (ours vs git):" >&2
  diff "$tmp/ours.txt" "$tmp/git.txt" | head -20 >&2
  exit 1
fi
echo "files=$(wc -l <"$tmp/ours.txt") (both lists equal)" >&2

# Interleave the two sides in rounds so that machine noise hits both alike.
ours=() git=()
for _ in 1 2 3; do
  ours+=("$("$tmp/filelist" time "$runs" "$tmp/lsignore" -mode git "$tree")")
  git+=("$("$tmp/filelist" time "$runs" git -C "$tree" ls-files --others --exclude-standard)")
done
med() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
o=$(med "${ours[@]}")
g=$(med "${git[@]}")
echo "bench: filelist-100k-ours ms=$o"
echo "bench: filelist-100k-git ms=$g"
awk -v o="$o" -v g="$g" 'BEGIN { printf "bench: filelist-100k ratio=%.2f goal<=1.0\n", o / g }'
