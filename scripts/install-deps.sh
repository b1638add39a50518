#!/usr/bin/env bash
# Installs the Debian packages Steward needs to build and test, when missing.
# Only Debian's own packages are used; nothing is downloaded from anywhere else.
#   scripts/install-deps.sh            build and test dependencies
#   scripts/install-deps.sh --bench    also what the benchmark peers need
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libcli11-dev nlohmann-json3-dev libpq-dev
  libtomlplusplus-dev libre2-dev libhyperscan-dev libxxhash-dev libssl-dev libsqlite3-dev
  libxgboost-dev libeigen3-dev libboost-dev libsimdjson-dev
  libgtest-dev libgmock-dev
  clang-14 libclang-rt-14-dev
  postgresql
  python3 python3-pandas python3-numpy python3-scipy python3-sklearn python3-xgboost
  curl
  chromium chromium-driver python3-selenium
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(time libbenchmark-dev wrk nginx-light gunicorn python3-flask curl)
  command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    exec sudo -n "$0" "$@"
  fi
  echo "Steward needs these Debian packages: ${missing[*]}" >&2
  echo "Install them as root, then run this again:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
