#!/usr/bin/env bash
# Install the Debian 12 packages natt needs, if any are missing.
#   scripts/install-deps.sh          what building and `natt matrix` need
#   scripts/install-deps.sh --test   also what the test suite needs
# Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libns3-dev ns3 libgsl-dev          # ns-3.37; its CMake package needs ns3 and libgsl-dev too
  libssl-dev                         # OpenSSL 3 (EVP) for the real cryptography
  libboost-program-options-dev       # the natt command line
  python3 python3-matplotlib         # plots (Debian's python3, not a pip one)
  tshark                             # the wire-format oracle and key-file checks
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(
    libgtest-dev                     # GoogleTest
    clang libclang-rt-14-dev         # libFuzzer and AddressSanitizer for the fuzz targets
  )
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "install-deps: missing packages (${missing[*]}) and not root; run as root" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
