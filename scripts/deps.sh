#!/usr/bin/env bash
# Installs what the integration tests need on a fresh Debian machine.
# Idempotent: a tool already present is not installed again.
# Needs root (or passwordless sudo) only when something is missing.
set -euo pipefail

need_apt=()
have() { command -v "$1" >/dev/null 2>&1; }

have git || need_apt+=(git)
have python3 || need_apt+=(python3)
have sha256sum || need_apt+=(coreutils)
# compute: the local target's docker mode is tested with podman and runc
# (crun fails on this kind of machine's hybrid cgroups; see compute tests).
have podman || need_apt+=(podman)
have runc || [ -x /usr/sbin/runc ] || need_apt+=(runc)
# sshx, sshtest, remotesync: a real OpenSSH server on loopback (sshd is not
# on PATH, hence the absolute path) and rsync for the upload benchmark.
[ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)
have ssh || need_apt+=(openssh-client)
have rsync || need_apt+=(rsync)

if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "deps: installing ${need_apt[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# azuritetest, codeupload: Azurite (blob only) from npm, pinned, installed
# outside the repository where internal/azuritetest looks for it:
# ${XDG_CACHE_HOME:-$HOME/.cache}/azureml-go/azurite/node_modules/.bin/azurite-blob
# (an azurite-blob on PATH, or $AZUREML_GO_AZURITE, is used first).
AZURITE_VERSION=3.37.0
azurite_dir="${XDG_CACHE_HOME:-$HOME/.cache}/azureml-go/azurite"
azurite_bin="$azurite_dir/node_modules/.bin/azurite-blob"
azurite_have() {
  [ -x "$azurite_bin" ] &&
    grep -q "\"version\": *\"$AZURITE_VERSION\"" "$azurite_dir/node_modules/azurite/package.json" 2>/dev/null
}
if ! azurite_have; then
  if ! have node || ! have npm; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "deps: installing nodejs npm" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
  fi
  echo "deps: installing azurite@$AZURITE_VERSION into $azurite_dir" >&2
  start=$(date +%s)
  mkdir -p "$azurite_dir"
  [ -f "$azurite_dir/package.json" ] || echo '{"name":"azureml-go-azurite","private":true}' >"$azurite_dir/package.json"
  (cd "$azurite_dir" && npm install --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >/dev/null)
  echo "deps: azurite installed in $(($(date +%s) - start)) s" >&2
fi

echo "deps: ok (git $(git --version | awk '{print $3}'), $(python3 --version), podman $(podman --version | awk '{print $3}'), azurite $AZURITE_VERSION)" >&2
