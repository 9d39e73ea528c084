#!/usr/bin/env bash
# Install the Debian 12 packages natt needs, if any are missing.
#   scripts/install-deps.sh          what building and `natt matrix` need
#   scripts/install-deps.sh --test   also what the test suite needs
# Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libns3-dev ns3                     # ns-3.37
  libgsl-dev libxml2-dev libsqlite3-dev  # named by ns-3's CMake package (ns3Targets.cmake),
                                     # which libns3-dev does not pull in
  libssl-dev                         # OpenSSL 3 (EVP) for the real cryptography
  libboost-program-options-dev       # the natt command line
  python3 python3-matplotlib         # plots (Debian's python3, not a pip one); its python3-numpy
                                     # provides /usr/include/python3.11, which ns-3's
                                     # CMake package also names
  tshark                             # the wire-format oracle and key-file checks
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(
    libgtest-dev                     # GoogleTest
    clang libclang-rt-14-dev         # libFuzzer, AddressSanitizer and UBSan (fuzz targets,
                                     # scripts/sanitize-test.sh)
    iproute2 ethtool                 # the live tests' lab (scripts/live-lab.sh): network
                                     # namespaces, veth pairs, offloads off
    iputils-ping netcat-openbsd      # the live tests' traffic through `natt live`
    coturn                           # its STUN server and turnutils_natdiscovery: RFC 5780
                                     # behaviour discovery through natt live
    strongswan-charon strongswan-swanctl  # a real IKE daemon through natt live: charon,
    libcharon-extra-plugins          # swanctl, kernel-libipsec (ESP in user space: this
    libstrongswan-extra-plugins      # kernel has none), curve25519
    openssl                          # the strongSwan test's certificates
  )
fi

# Every absolute folder and library ns-3's CMake package names must exist, or
# CMake stops with "Imported target ... includes non-existent path" (or a
# missing .so at link time). Checked after installing, so a Debian update
# that names something new fails here, saying what, not deep in CMake.
check_ns3_export() {
  local targets=/usr/lib/x86_64-linux-gnu/cmake/ns3/ns3Targets.cmake
  [[ -f $targets ]] || targets=$(dpkg -L libns3-dev 2>/dev/null | grep '/ns3Targets.cmake$' | head -n1)
  [[ -n $targets && -f $targets ]] || return 0
  local absent=()
  while read -r path; do
    [[ -e $path ]] || absent+=("$path")
  done < <(grep -oE 'INTERFACE_(INCLUDE_DIRECTORIES|LINK_LIBRARIES) "[^"]*"' "$targets" |
             sed -E 's/^[A-Z_]+ "//; s/"$//' | tr ';' '\n' | grep '^/' | sort -u)
  if [[ ${#absent[@]} -gt 0 ]]; then
    echo "install-deps: ns-3's CMake package ($targets) names paths no installed package provides:" \
         "${absent[*]} (find the package with: apt-file search <path>)" >&2
    exit 1
  fi
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  check_ns3_export
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
# coturn ships a TURN server that Debian enables and starts on install,
# listening on every interface; the live tests start their own turnserver
# in a lab namespace. While installing, a policy-rc.d (when the machine has
# none) keeps any service from starting, and a coturn installed here is
# disabled, so no server is left running or starts at boot.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\n# install-deps.sh (natt): no service starts while it installs\nexit 101\n' |
    "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  own_policy=true
fi
status=0
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" || status=$?
if $own_policy; then
  "${sudo[@]}" rm -f "$policy"
fi
[[ $status -eq 0 ]] || exit "$status"
if [[ " ${missing[*]} " == *" coturn "* ]] && command -v systemctl >/dev/null &&
  [[ -d /run/systemd/system ]]; then
  "${sudo[@]}" systemctl disable --now coturn >/dev/null 2>&1 || true
fi
check_ns3_export
