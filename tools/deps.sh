#!/usr/bin/env bash
# Installs the Debian 12 packages jejak builds with. Idempotent: does nothing
# (not even `apt-get update`) when everything is already installed.
# Usage: tools/deps.sh [extra packages...]
set -euo pipefail

packages=(
  cmake g++ ninja-build pkg-config git
  librocksdb-dev capnproto libcapnp-dev
  libboost-dev libspdlog-dev libfmt-dev libcli11-dev libsodium-dev
  libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev
  libssl-dev golang-go golang-golang-x-mod-dev rocksdb-tools
  prometheus-cpp-dev curl libxlsxwriter-dev libminizip-dev
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "tools/deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
