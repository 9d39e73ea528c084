#!/usr/bin/env bash
# RFC 5780 behaviour discovery through every NAT preset (CTest label `live`,
# doc/live.rst): coturn's STUN server in natt-out on its two addresses,
# turnutils_natdiscovery in natt-in1, `natt live` between them.
#
#   live-rfc5780-test.sh NATT LIVE_LAB WORK_DIR
#
# For each preset `natt nats` lists, and for the flips below, natdiscovery's
# mapping (RFC 5780 4.3) and filtering (4.4) findings must equal the RFC 4787
# behaviour natt live reports it was configured with (its JSON's "rfc4787":
# the preset's attributes with the user's --set over them), and:
#
# * hairpinning (RFC 5780 4.5) is seen exactly when the NAT hairpins
#   (Hairpinning=true) and filters endpoint-independently: the test sends
#   its request from a second port, and RFC 4787 5 filtering at the first
#   port's mapping drops a source it never sent to. Each non-sighting must
#   come from the counter that fired: "hairpin-disabled" when the NAT does
#   not hairpin, "filtered" when it does but its filter drops the request;
# * firewall-ike-only (AllowList udp/500 udp/4500) answers nothing on STUN's
#   port 3478 and counts "firewall"; a second STUN server on 4500 with its
#   alternate port on 500 finds its behaviour, as the allow list lets it.
#
# The flips change one attribute at a time and see the finding follow.
set -uo pipefail
test_name=natt-live-rfc5780
source "$(dirname "$0")/live-common.sh"
require turnserver turnutils_natdiscovery
lab_up 1

# stun_server NAME PORT ALT_PORT: coturn in natt-out, STUN only, on both
# addresses. -c /dev/null: Debian's /etc/turnserver.conf says no-rfc5780.
stun_server() {
  "${at_out[@]}" timeout 600 turnserver -c /dev/null --pidfile "$work/$1.pid" \
    --log-file "$work/$1.log" --simple-log -L "$server" -L "$server2" -p "$2" \
    --alt-listening-port "$3" --stun-only --no-auth --no-cli --no-tls --no-dtls \
    >/dev/null 2>&1 &
  started+=("$!")
  local k
  for ((k = 0; k < 50; k++)); do
    [[ $("${at_out[@]}" ss -Hlun "sport = :$3" | wc -l) -ge 2 ]] && return 0
    sleep 0.1
  done
  fail "coturn did not start on ports $2 and $3: $(tail -3 "$work/$1.log" 2>/dev/null)"
  exit 1
}
stun_server stun 3478 3479

# natdiscovery NAME PORT: the three discoveries at once (each waits about
# 6 s for an answer that a filter dropped), into WORK/NAME.{m,f,H}
natdiscovery() {
  local name=$1 port=$2 test pids=()
  for test in m f H; do
    "${at_in1[@]}" timeout 30 turnutils_natdiscovery "-$test" -p "$port" "$server" \
      >"$work/$name.$test" 2>&1 &
    pids+=("$!")
  done
  wait "${pids[@]}"
}
# found NAME TEST: what natdiscovery's summary line says, as an RFC 4787
# attribute value (EndpointIndependent, AddressDependent,
# AddressAndPortDependent), or "none"
found() {
  local line
  line=$(grep -m1 -E '^NAT with .* (Mapping|Filtering)!' "$work/$1.$2")
  case $line in
  *"Endpoint Independent"*) echo EndpointIndependent ;;
  *"Address and Port Dependent"*) echo AddressAndPortDependent ;;
  *"Address Dependent"*) echo AddressDependent ;;
  *) echo none ;;
  esac
}
hairpin_seen() { grep -q "Received a request (maybe a successful hairpinning)" "$work/$1.H"; }

# discover NAME PRESET [--set A=V]...: one NAT, one discovery, the checks
discover() {
  local name=$1 preset=$2
  shift 2
  start_nat "$name" --nat "$preset" "$@" || return
  natdiscovery "$name" 3478
  stop_nat "$name"
  local json=$work/$name.json mapping filtering hairpinning seen=no
  mapping=$(counter "$json" rfc4787.Mapping)
  filtering=$(counter "$json" rfc4787.Filtering)
  hairpinning=$(counter "$json" rfc4787.Hairpinning)
  hairpin_seen "$name" && seen=yes
  say "$name: configured $mapping / $filtering / hairpinning $hairpinning;" \
    "natdiscovery found $(found "$name" m) / $(found "$name" f) / hairpin $seen"
  check "$name: mapping found equals mapping configured ($mapping)" \
    test "$(found "$name" m)" = "$mapping"
  check "$name: filtering found equals filtering configured ($filtering)" \
    test "$(found "$name" f)" = "$filtering"
  if [[ $hairpinning == true && $filtering == EndpointIndependent ]]; then
    check "$name: hairpinning seen, and the NAT counted it hairpinned" \
      bash -c "[[ $seen == yes && $(counter "$json" hairpinned) -ge 1 ]]"
  elif [[ $hairpinning == true ]]; then
    # The run's "filtered" count also holds the filtering test's drops; that
    # this filter is what stops the hairpin shows in the flip
    # flip-filtering-endpoint-independent (port-preserving, filter opened).
    check "$name: hairpinning not seen: the NAT did not refuse it (no \"hairpin-disabled\") and its $filtering filter dropped requests (\"filtered\")" \
      bash -c "[[ $seen == no && $(counter "$json" drops.filtered) -ge 1 &&
        $(counter "$json" drops.hairpin-disabled) -eq 0 ]]"
  else
    check "$name: no hairpinning (\"hairpin-disabled\")" \
      bash -c "[[ $seen == no && $(counter "$json" drops.hairpin-disabled) -ge 1 ]]"
  fi
}

presets=$("$natt" nats --json | "$python" -c 'import json, sys
print(" ".join(p["name"] for p in json.load(sys.stdin)))')
check "natt nats lists the presets: $presets" test -n "$presets"
for preset in $presets; do
  [[ $preset == firewall-ike-only ]] && continue
  discover "$preset" "$preset"
done

# The flips: one attribute changed, the finding follows.
nat=ns3::NatEngine
discover flip-mapping-address-dependent port-preserving --set "$nat::Mapping=AddressDependent"
discover flip-filtering-address-dependent port-preserving --set "$nat::Filtering=AddressDependent"
discover flip-filtering-endpoint-independent port-preserving \
  --set "$nat::Filtering=EndpointIndependent"
discover flip-no-hairpinning full-cone --set "$nat::Hairpinning=false"
discover flip-symmetric-hairpinning symmetric --set "$nat::Filtering=EndpointIndependent" \
  --set "$nat::Hairpinning=true"

# firewall-ike-only: STUN's own port is not on the allow list...
start_nat firewall-3478 --nat firewall-ike-only
natdiscovery firewall-3478 3478
stop_nat firewall-3478
check "firewall-ike-only: no STUN answer on port 3478, and the NAT counted \"firewall\"" \
  bash -c "[[ $(found firewall-3478 m) == none && $(found firewall-3478 f) == none &&
    $(counter "$work/firewall-3478.json" drops.firewall) -ge 1 ]]"
# ...but 4500 and 500 are.
stun_server stun-ike 4500 500
start_nat firewall-ike-only --nat firewall-ike-only
natdiscovery firewall-ike-only 4500
stop_nat firewall-ike-only
json=$work/firewall-ike-only.json
check "firewall-ike-only through ports 4500 and 500: $(found firewall-ike-only m) / $(found \
  firewall-ike-only f) as configured" test "$(found firewall-ike-only m) $(found firewall-ike-only f)" = \
  "$(counter "$json" rfc4787.Mapping) $(counter "$json" rfc4787.Filtering)"

lab_down
finish
