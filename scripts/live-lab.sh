#!/usr/bin/env bash
# The live-mode lab (doc/live.rst): network namespaces that put a real-time
# `natt live` NAT between real Linux hosts.
#
#   scripts/live-lab.sh up [--inside N]   build it (N inside hosts, 1 to 20; default 1)
#   scripts/live-lab.sh down              tear down what `up` made; safe to run twice
#
#   natt-in1 .. natt-inN     inside hosts, 10.0.0.(K+1)/24, default route via 10.0.0.1
#        | natt-hK                         (natt live's inside address)
#   natt-lan                 the inside LAN: a bridge, natt-br, with no address
#        | natt-lan-up
#        | natt-inside    \  natt-nat: no kernel address at all; natt live
#   natt-nat                 opens both ends with raw sockets and owns them as
#        | natt-outside   /  10.0.0.1/24 and 198.51.100.1/24
#        | natt-wan
#   natt-out                 the outside server, 198.51.100.2/24 and 198.51.100.3/24
#                            (two addresses: RFC 5780 behaviour discovery)
#
# One inside segment, as the simulation's NATs have (Lab: one CSMA LAN per
# site): natt live takes one inside interface, inside hosts reach each other
# directly as on a home LAN, and hairpinning between two of them goes through
# the NAT's one inside port as RFC 4787 section 6 describes.
#
# Nothing leaves the namespaces: every link is created inside them (none ever
# exists in the root namespace), and no namespace has a route out. The lab is
# IPv4 only: IPv6 is switched off in every lab namespace, so the kernel sends
# no router solicitations or MLD reports onto natt live's wires. Every veth
# end has its offloads off (tx, rx, gro, gso, tso): with them on, TCP reaches
# the ns-3 NAT with partial checksums, or GRO hands it frames larger than the
# MTU. natt-nat's two ends are promiscuous, since ns-3 answers for its own MAC
# addresses.
#
# Needs root; without it exits 2. `up` refuses (exit 1) when a lab namespace
# already exists; a failure half-way tears down what it made.
# -E: the ERR trap of `up` also fires for a command failing inside a function.
set -Eeuo pipefail

readonly nat_ns=natt-nat lan_ns=natt-lan out_ns=natt-out
readonly inside_prefix=10.0.0 nat_inside=10.0.0.1 prefix_length=24
readonly outside_addresses=(198.51.100.2 198.51.100.3) nat_outside=198.51.100.1

say() { echo "live-lab: $*"; }
usage() {
  echo "usage: live-lab.sh up [--inside N] | down" >&2
  exit 2
}

# Lab namespaces that exist now, by their fixed names.
lab_namespaces() {
  ip netns list 2>/dev/null | awk '{print $1}' |
    grep -E "^(natt-in[0-9]+|$lan_ns|$nat_ns|$out_ns)$" || true
}

# Every link of the lab lives in exactly one of these (namespace link) pairs;
# deleting one end of a veth deletes its peer.
lab_links() {
  local ns
  for ns in $(lab_namespaces); do
    ip -n "$ns" -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' |
      grep -E '^natt-' | sed "s/^/$ns /" || true
  done
}

down() {
  local namespaces links ns link pids
  namespaces=$(lab_namespaces)
  if [[ -z $namespaces ]]; then
    say "nothing to tear down"
    return 0
  fi
  # Links first: a namespace a process still holds outlives `ip netns del`,
  # and its links with it.
  links=$(lab_links)
  while read -r ns link; do
    [[ -n $link ]] || continue
    if ip -n "$ns" link show "$link" >/dev/null 2>&1; then
      ip -n "$ns" link del "$link" 2>/dev/null && say "deleted link $link ($ns)"
    fi
  done <<<"$links"
  for ns in $namespaces; do
    pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
    if [[ -n $pids ]]; then
      say "warning: processes still in $ns: $pids(left running)"
    fi
    ip netns del "$ns" && say "deleted namespace $ns"
  done
}

# Offloads off and up, on one veth end.
prepare() {
  local ns=$1 dev=$2
  ip netns exec "$ns" ethtool -K "$dev" tx off rx off gro off gso off tso off >/dev/null 2>&1 ||
    ip netns exec "$ns" ethtool -K "$dev" tx off rx off gro off gso off tso off
  ip -n "$ns" link set "$dev" up
}

new_namespace() {
  local ns=$1
  ip netns add "$ns"
  made+=("$ns")
  # Per-namespace sysctls; set before any link exists so none gets IPv6.
  ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
    net.ipv6.conf.default.disable_ipv6=1
  ip -n "$ns" link set lo up
}

veth() {
  local ns1=$1 dev1=$2 ns2=$3 dev2=$4
  ip -n "$ns1" link add "$dev1" type veth peer name "$dev2" netns "$ns2"
  prepare "$ns1" "$dev1"
  prepare "$ns2" "$dev2"
}

up_failed() {
  trap - ERR
  echo "live-lab: up failed; tearing down what it made" >&2
  down >&2
  exit 1
}

up() {
  local hosts=$1 k existing
  existing=$(lab_namespaces | tr '\n' ' ')
  if [[ -n $existing ]]; then
    echo "live-lab: the lab is already up ($existing); run 'live-lab.sh down' first" >&2
    exit 1
  fi
  made=()
  trap up_failed ERR

  new_namespace "$nat_ns"
  new_namespace "$lan_ns"
  new_namespace "$out_ns"
  for ((k = 1; k <= hosts; k++)); do
    new_namespace "natt-in$k"
  done

  # The inside LAN: a bridge without an address, STP off so ports forward at once.
  ip -n "$lan_ns" link add natt-br type bridge stp_state 0 forward_delay 0
  ip -n "$lan_ns" link set natt-br up
  veth "$lan_ns" natt-lan-up "$nat_ns" natt-inside
  ip -n "$lan_ns" link set natt-lan-up master natt-br
  for ((k = 1; k <= hosts; k++)); do
    veth "$lan_ns" "natt-lan-h$k" "natt-in$k" "natt-h$k"
    ip -n "$lan_ns" link set "natt-lan-h$k" master natt-br
    ip -n "natt-in$k" addr add "$inside_prefix.$((k + 1))/$prefix_length" dev "natt-h$k"
    ip -n "natt-in$k" route add default via "$nat_inside"
  done

  veth "$nat_ns" natt-outside "$out_ns" natt-wan
  for address in "${outside_addresses[@]}"; do
    ip -n "$out_ns" addr add "$address/$prefix_length" dev natt-wan
  done

  # ns-3 owns natt-nat's ends: no kernel address, promiscuous.
  ip -n "$nat_ns" link set natt-inside promisc on
  ip -n "$nat_ns" link set natt-outside promisc on
  trap - ERR

  say "made namespaces ${made[*]}"
  for ((k = 1; k <= hosts; k++)); do
    say "  natt-in$k   natt-h$k $inside_prefix.$((k + 1))/$prefix_length, default via $nat_inside"
  done
  say "  natt-lan   bridge natt-br: natt-lan-up, natt-lan-h1..natt-lan-h$hosts"
  say "  natt-nat   natt-inside, natt-outside: no address, promiscuous (natt live:" \
    "$nat_inside/$prefix_length and $nat_outside/$prefix_length)"
  say "  natt-out   natt-wan ${outside_addresses[*]} (/$prefix_length)"
  say "offloads off on every veth end; IPv6 off; no route out"
  say "next: ip netns exec $nat_ns natt live --nat port-preserving" \
    "--inside natt-inside --outside natt-outside"
}

command=${1:-}
[[ -n $command ]] || usage
shift
hosts=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --inside)
      [[ $# -ge 2 && $2 =~ ^[0-9]+$ && $2 -ge 1 && $2 -le 20 ]] ||
        { echo "live-lab: --inside takes a number of hosts from 1 to 20" >&2; exit 2; }
      hosts=$2
      shift 2
      ;;
    *) usage ;;
  esac
done
case $command in
  up | down) ;;
  -h | --help)
    sed -n '2,/^# Needs root/p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) usage ;;
esac
if [[ $(id -u) -ne 0 ]]; then
  echo "live-lab: needs root (it makes network namespaces); run it with sudo" >&2
  exit 2
fi
for tool in ip ethtool; do
  command -v "$tool" >/dev/null ||
    { echo "live-lab: needs $tool (scripts/install-deps.sh --test installs it)" >&2; exit 2; }
done
"$command" "$hosts"
