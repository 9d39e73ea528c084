#!/usr/bin/env bash
# A real IKE daemon through natt's NATs (CTest label `live`, doc/live.rst):
# Debian's strongSwan 5.9 (charon, configured with swanctl) in natt-in1 and
# natt-out, IKEv2, through `natt live` with the presets RFC 3715 names.
#
#   live-strongswan-test.sh NATT LIVE_LAB WORK_DIR
#
# This kernel has no ESP (no XFRM), so charon runs with its kernel-libipsec
# plugin: ESP in user space, through a TUN device (ipsec0). libipsec only
# does UDP-encapsulated ESP (RFC 3948), so charon forces encapsulation: it
# fakes its own NAT_DETECTION_SOURCE_IP (RFC 7296 2.23), and each peer
# reports "remote host is behind NAT" whether or not one is. What still
# measures natt's NAT is the initiator's "local host is behind NAT": the
# responder's NAT_DETECTION_DESTINATION_IP hashes the address it saw,
# 198.51.100.1, which differs from natt-in1's own 10.0.0.2 only because the
# NAT translated it. The test checks that line, and the NAT's own counters.
#
#   preset / case                          expected (RFC 3715)
#   port-preserving, PSK                   SA up, NAT detected, ping through
#                                          the tunnel in ESP-in-UDP
#   symmetric, PSK                         the same (NAT-T, RFC 3947/7296 2.23)
#   esp-dropping, PSK                      the same: ESP-in-UDP is UDP to the
#                                          NAT (2.1 j); libipsec cannot send
#                                          plain ESP, so the failure without
#                                          NAT-T cannot be shown with it
#   payload-inspecting, PSK                IKE fails: the NAT drops IKEv2
#                                          ("isakmp-payload-rejected", 2.3 p)
#   fragment-dropping, certificates larger than the path MTU:
#     fragmentation = no                   IKE_AUTH lost ("fragment" drops,
#                                          2.2 m)
#     fragmentation = yes                  SA up: RFC 7383 fragments fit
#
# Then natt's own IKE against charon (natt live-host, a real-time node with
# natt's IkeDaemon and IpsecStack on a lab interface):
#
#   natt-initiator, port-preserving        natt initiates (x25519) to charon;
#                                          natt's UDP echoes cross the tunnel
#   natt-responder, symmetric              charon initiates to natt (first
#                                          with x25519, answered INVALID_KE,
#                                          then MODP 2048); charon's side
#                                          pings natt's host through it
#
# Both: IKE_SA_INIT and IKE_AUTH complete, natt detects the NAT on the right
# side, the child SA is ESP in UDP, ESP flows both ways, and tshark decrypts
# natt's capture (IKE_AUTH both ways, ESP) with the keys natt wrote.
#
# Each case runs fresh charons (two at once need private /run directories,
# for charon.pid: each runs under `unshare -m` with a tmpfs on /run) and a
# fresh natt live. Retransmissions are bounded (three tries, about 9 s) so a
# failing case fails fast.
set -uo pipefail
test_name=natt-live-strongswan
source "$(dirname "$0")/live-common.sh"
charon=/usr/lib/ipsec/charon
require swanctl openssl ping "$charon"
lab_up 1
readonly inside_host=10.0.0.2 protected=198.51.100.3
# One proposal, several algorithms of each kind (RFC 7296 3.3): charon picks
# the first it shares with the peer, AES-128 and x25519 between two charons;
# natt's IKE (live-host) offers AES-256, and x25519 or MODP 2048.
readonly ike_proposals=aes128-aes256-sha256-x25519-modp2048
readonly psk="natt live lab pre-shared key"
# natt live-host as the initiator in natt-in1, behind the NAT (host_case,
# initiate_again).
readonly natt_initiator=(ip netns exec natt-in1 timeout 60 "$natt" live-host --interface natt-h1
  --psk "$psk" --address "$inside_host/24" --gateway 10.0.0.1 --peer "$server"
  --local-id in1.natt.test --remote-id out.natt.test --local-ts "$inside_host/32"
  --remote-ts "$protected/32" --dh x25519)

# ------------------------------------------------------------ configuration
# Certificates for the fragment case: RSA 4096 keys, so IKE_AUTH (IDi,
# CERT, CERTREQ, AUTH, SA, TSi, TSr) is about 2,200 bytes, beyond the lab's
# 1,500-byte MTU. The CA signs both ends.
make_certificates() {
  local pki=$work/pki side
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:4096 -nodes -sha256 -days 2 -subj "/CN=natt live lab CA" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null || return 1
  for side in in1 out; do
    openssl req -newkey rsa:4096 -nodes -sha256 -subj "/CN=$side.natt.test" \
      -keyout "$pki/$side.key" -out "$pki/$side.csr" 2>/dev/null &&
      openssl x509 -req -in "$pki/$side.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
        -CAcreateserial -days 2 -sha256 -out "$pki/$side.crt" \
        -extfile <(echo "subjectAltName=DNS:$side.natt.test") 2>/dev/null || return 1
  done
}
check "certificates made (openssl, RSA 4096)" make_certificates

# write_config SIDE AUTH FRAGMENTATION VERSION: WORK/SIDE/{strongswan.conf,swanctl.conf}
write_config() {
  local side=$1 auth=$2 fragmentation=$3 version=$4 dir=$work/$1 me peer local_ts remote_ts addrs
  rm -rf "$dir"
  mkdir -p "$dir"/{x509,x509ca,private}
  if [[ $side == in1 ]]; then
    me=in1 peer=out local_ts=$inside_host/32 remote_ts=$protected/32
    addrs="local_addrs = $inside_host
    remote_addrs = $server"
  else
    me=out peer=in1 local_ts=$protected/32 remote_ts=$inside_host/32
    addrs="local_addrs = $server"
  fi
  cat >"$dir/strongswan.conf" <<CONF
charon {
  load_modular = no
  load = random nonce kdf aes sha1 sha2 hmac pem pkcs1 pkcs8 x509 revocation constraints pubkey gmp curve25519 kernel-libipsec kernel-netlink socket-default vici updown
  retransmit_tries = 2
  retransmit_timeout = 1.5
  filelog {
    log {
      path = $dir/charon.log
      default = 1
      ike = 2
      net = 2
      enc = 1
      flush_line = yes
    }
  }
  plugins {
    vici {
      socket = unix://$dir/charon.vici
    }
  }
}
swanctl {
  load = pem pkcs1 pkcs8 x509 revocation constraints pubkey gmp random nonce
  socket = unix://$dir/charon.vici
}
CONF
  local credentials
  if [[ $auth == psk ]]; then
    credentials="local {
      auth = psk
      id = $me.natt.test
    }
    remote {
      auth = psk
      id = $peer.natt.test
    }"
  else
    cp "$work/pki/$me.crt" "$dir/x509/"
    cp "$work/pki/$me.key" "$dir/private/"
    cp "$work/pki/ca.crt" "$dir/x509ca/"
    credentials="local {
      auth = pubkey
      certs = $me.crt
      id = $me.natt.test
    }
    remote {
      auth = pubkey
      id = $peer.natt.test
    }
    send_cert = always"
  fi
  cat >"$dir/swanctl.conf" <<CONF
connections {
  lab {
    version = $version
    $addrs
    proposals = $ike_proposals
    fragmentation = $fragmentation
    $credentials
    children {
      lab {
        local_ts = $local_ts
        remote_ts = $remote_ts
        esp_proposals = aes128-sha256
        mode = tunnel
      }
    }
  }
}
secrets {
  ike-lab {
    id-1 = in1.natt.test
    id-2 = out.natt.test
    secret = "$psk"
  }
}
CONF
}

namespace_of() { [[ $1 == in1 ]] && echo natt-in1 || echo natt-out; }
swanctl_at() { # SIDE ARGS...: swanctl against that side's charon
  local side=$1
  shift
  ip netns exec "$(namespace_of "$side")" env STRONGSWAN_CONF="$work/$side/strongswan.conf" \
    swanctl "$@"
}
# start_charons AUTH FRAGMENTATION VERSION: both charons, configured and loaded
start_charons() {
  local side k
  charon_pids=()
  for side in in1 out; do
    write_config "$side" "$1" "$2" "$3"
    ip netns exec "$(namespace_of "$side")" unshare -m sh -c \
      "mount -t tmpfs natt-live-run /run && STRONGSWAN_CONF='$work/$side/strongswan.conf' exec $charon" \
      >"$work/$side/charon.out" 2>&1 &
    charon_pids+=("$!")
    started+=("$!")
  done
  for side in in1 out; do
    for ((k = 0; k < 50; k++)); do
      [[ -S $work/$side/charon.vici ]] && break
      sleep 0.1
    done
    swanctl_at "$side" --load-all --file "$work/$side/swanctl.conf" >"$work/$side/load.txt" 2>&1 ||
      fail "swanctl --load-all ($side): $(tr '\n' ' ' <"$work/$side/load.txt")"
  done
}
stop_charons() {
  kill "${charon_pids[@]}" 2>/dev/null
  wait "${charon_pids[@]}" 2>/dev/null
}

# ------------------------------------------------------------ the cases
# ike_case NAME PRESET AUTH FRAGMENTATION EXPECT(up|down) [VERSION [AFTER]]:
# AFTER, a function, runs once the SA is up, with both charons and the NAT
ike_case() {
  local name=$1 preset=$2 auth=$3 fragmentation=$4 expect=$5 version=${6:-2} after=${7:-} up=no
  start_nat "$name" --nat "$preset" || return
  start_charons "$auth" "$fragmentation" "$version"
  swanctl_at in1 --initiate --child lab --timeout 15 >"$work/$name-initiate.txt" 2>&1 &&
    grep -q "initiate completed successfully" "$work/$name-initiate.txt" && up=yes
  swanctl_at in1 --list-sas >"$work/$name-sas-in1.txt" 2>&1
  swanctl_at out --list-sas >"$work/$name-sas-out.txt" 2>&1
  if [[ $up == yes ]]; then
    "${at_in1[@]}" timeout 15 ping -c 5 -i 0.2 -W 2 -I "$inside_host" "$protected" \
      >"$work/$name-ping.txt" 2>&1
    swanctl_at in1 --list-sas >"$work/$name-sas-in1.txt" 2>&1
    [[ -n $after ]] && "$after" "$name"
  fi
  stop_charons
  stop_nat "$name"
  cp "$work/in1/charon.log" "$work/$name-charon-in1.log"
  cp "$work/out/charon.log" "$work/$name-charon-out.log"
  local json=$work/$name.json
  say "$name: $(grep -hE 'established|failed|giving up|retransmit' "$work/$name-initiate.txt" |
    head -3 | tr '\n' ' ')"
  if [[ $expect == up ]]; then
    check "$name: IKE_SA and CHILD_SA established through $preset" test "$up" = yes
    check "$name: the initiator found itself behind a NAT (the peer's NAT detection hash of its address)" \
      grep -q "local host is behind NAT" "$work/$name-charon-in1.log"
    check "$name: the CHILD_SA is UDP-encapsulated (TUNNEL-in-UDP), IKE on port 4500" \
      grep -q "TUNNEL-in-UDP" "$work/$name-sas-in1.txt"
    check "$name: ping through the tunnel: $(grep -E 'packet loss' "$work/$name-ping.txt")" \
      grep -q " 0% packet loss" "$work/$name-ping.txt"
    check "$name: the responder saw IKE on 4500 from the NAT's address: $(grep -om1 \
      "from 198.51.100.1\[[0-9]*\] to $server\[4500\]" "$work/$name-charon-out.log")" \
      grep -q "from 198.51.100.1\[[0-9]*\] to $server\[4500\]" "$work/$name-charon-out.log"
    check "$name: the NAT translated them: $(counter "$json" translated_outbound) out, $(counter "$json" translated_inbound) in" \
      test "$(counter "$json" translated_inbound)" -ge 5
  else
    check "$name: no CHILD_SA through $preset" test "$up" = no
  fi
}

ike_case port-preserving port-preserving psk yes up
ike_case symmetric symmetric psk yes up
ike_case esp-dropping esp-dropping psk yes up
json=$work/esp-dropping.json
check "esp-dropping: no ESP for the NAT to drop (protocol-not-supported: $(counter "$json" \
  drops.protocol-not-supported)): all of it was ESP-in-UDP" \
  test "$(counter "$json" drops.protocol-not-supported)" -eq 0

ike_case payload-inspecting payload-inspecting psk yes down
json=$work/payload-inspecting.json
check "payload-inspecting: the NAT dropped IKEv2 (isakmp-payload-rejected: $(counter "$json" drops.isakmp-payload-rejected))" \
  test "$(counter "$json" drops.isakmp-payload-rejected)" -ge 1

ike_case fragments-unfragmented fragment-dropping cert no down
json=$work/fragments-unfragmented.json
check "fragment-dropping without IKE fragmentation: IKE_AUTH was IP-fragmented and dropped \
(fragment drops: $(counter "$json" drops))" \
  grep -q '"drops": {[^}]*fragment' "$json"
ike_case fragments-rfc7383 fragment-dropping cert yes up
check "fragment-dropping with RFC 7383 fragmentation: the initiator sent IKE fragments" \
  grep -q "EF(" "$work/fragments-rfc7383-charon-in1.log"

# cookie-inspecting (RFC 3715 2.3 n): the NAT routes inbound IKE on port 500
# by the initiator cookie it saw leave, so a phase-1 renewal the gateway
# starts, with cookies of its own, is lost (natt's rfc3715-n, variant
# cookie-demux). strongSwan cannot be driven into it here: libipsec makes it
# float IKE to 4500 (the fake NAT detection above), where the NAT
# demultiplexes by port, as the entry's fix natt-4500 does. The test runs
# that: IKEv1 Main Mode through cookie-inspecting, then the gateway
# (natt-out) reauthenticates, a new Main Mode with new cookies, and it
# arrives.
reauthenticate_from_gateway() { # NAME
  local before after k
  before=$(grep -om1 '[0-9a-f]\{16\}_i[* ]*[0-9a-f]\{16\}_r' "$work/$1-sas-in1.txt")
  swanctl_at out --rekey --ike lab --reauth >"$work/$1-reauth.txt" 2>&1
  for ((k = 0; k < 50; k++)); do
    swanctl_at in1 --list-sas >"$work/$1-sas-after.txt" 2>&1
    after=$(grep -o '[0-9a-f]\{16\}_i[* ]*[0-9a-f]\{16\}_r' "$work/$1-sas-after.txt" |
      grep -v "$before" | head -1)
    [[ -n $after ]] && grep -q ESTABLISHED "$work/$1-sas-after.txt" && break
    sleep 0.2
  done
  check "$1: the gateway's new Main Mode (cookies $after, were $before) reached natt-in1" \
    test -n "$after"
}
ike_case cookie-inspecting cookie-inspecting psk yes up 1 reauthenticate_from_gateway
json=$work/cookie-inspecting.json
check "cookie-inspecting: no IKE lost to an unknown cookie (ike-cookie-unknown: $(counter \
  "$json" drops.ike-cookie-unknown))" test "$(counter "$json" drops.ike-cookie-unknown)" -eq 0

# ------------------------------------------------------------ natt's own IKE
# natt live-host: natt's IkeDaemon and IpsecStack on a real-time node that
# owns a lab interface (its kernel address flushed, so the kernel does not
# answer beside it), against one charon, through natt live.
#
# host_case NAME PRESET ROLE: ROLE initiator puts natt's host in natt-in1 as
# 10.0.0.2 and charon in natt-out as responder; responder puts natt's host
# in natt-out as 198.51.100.2 (IKE) and .3 (protected) and charon in
# natt-in1 as initiator. Either way: IKE_SA_INIT and IKE_AUTH complete, the
# child SA is ESP in UDP, and traffic crosses it both ways (natt's UDP
# echoes to the far side, or charon's side pinging natt's host).
# initiate_again NAME: natt live-host initiates twice more to the same
# charon, which still holds the first run's IKE SA: with the first run's
# seed, the same initiator SPI and nonce go out and charon drops them as a
# message of the old SA; with a fresh seed (the default) it establishes.
initiate_again() {
  local name=$1 seed
  seed=$(counter "$work/$name-host.json" seed)
  local again=("${natt_initiator[@]}" --duration 4s --json)
  "${again[@]}" --seed "$seed" >"$work/$name-same-seed.json" 2>/dev/null
  "${again[@]}" >"$work/$name-fresh-seed.json" 2>/dev/null
  check "$name: again with the same seed ($seed): no IKE SA (charon: $(grep -om1 \
    'received message ID 0, expected [0-9]*, ignored' "$work/out/charon.log"))" \
    test "$(counter "$work/$name-same-seed.json" ike_sas_established)" -eq 0
  check "$name: again with a fresh seed ($(counter "$work/$name-fresh-seed.json" seed)): established" \
    test "$(counter "$work/$name-fresh-seed.json" ike_sas_established)" -eq 1
}

host_case() {
  local name=$1 preset=$2 role=$3 host_ns host_if host charon_side k
  start_nat "$name" --nat "$preset" || return
  if [[ $role == initiator ]]; then
    host_ns=natt-in1 host_if=natt-h1 charon_side=out
    host=("${natt_initiator[@]}" --echo-to "$protected")
  else
    host_ns=natt-out host_if=natt-wan charon_side=in1
    host=(ip netns exec natt-out timeout 60 "$natt" live-host --interface natt-wan --psk "$psk"
      --address "$server/24" --address "$protected/24" --role responder
      --local-id out.natt.test --remote-id in1.natt.test --local-ts "$protected/32"
      --remote-ts "$inside_host/32")
  fi
  ip -n "$host_ns" addr flush dev "$host_if"
  start_charons psk yes 2
  if [[ $role == initiator ]]; then
    # The echo server natt's host sends to, behind charon (port 7).
    "${at_out[@]}" timeout 30 "$python" "$(dirname "$0")/live-udp.py" listen "$protected" 7 20 \
      --echo >"$work/$name-echo.txt" &
    started+=("$!")
  fi
  "${host[@]}" --duration 12s --json --pcap "$work/$name-pcap" \
    >"$work/$name-host.json" 2>"$work/$name-host.err" &
  local host_pid=$!
  started+=("$host_pid")
  if [[ $role == responder ]]; then
    # Once its banner is out natt's host answers (a sanitized build starts slower).
    wait_for "IKEv2 responder" "$work/$name-host.err" 100
    sleep 0.3
    swanctl_at in1 --initiate --child lab --timeout 10 >"$work/$name-initiate.txt" 2>&1
    "${at_in1[@]}" timeout 15 ping -c 5 -i 0.2 -W 2 -I "$inside_host" "$protected" \
      >"$work/$name-ping.txt" 2>&1
  else
    wait_for "child SA" "$work/$name-host.err" 50
    sleep 2
  fi
  swanctl_at "$charon_side" --list-sas >"$work/$name-sas.txt" 2>&1
  wait "$host_pid"
  local status=$?
  check "$name: natt live-host exits 0, got $status ($(tr '\n' ' ' <"$work/$name-host.err"))" \
    test "$status" -eq 0
  [[ $role == initiator ]] && initiate_again "$name"
  stop_charons
  stop_nat "$name"
  say "$name: natt live-host: $(cat "$work/$name-host.json")"
  local json=$work/$name-host.json
  check "$name: natt's IKE SA established with charon" \
    test "$(counter "$json" ike_sas_established)" -ge 1
  check "$name: charon lists it established with a TUNNEL-in-UDP child SA" \
    bash -c "grep -q ESTABLISHED '$work/$name-sas.txt' && grep -q TUNNEL-in-UDP '$work/$name-sas.txt'"
  check "$name: natt found the NAT: $(counter "$json" nat_detected)" \
    test "$(counter "$json" nat_detected)" = \
    "$([[ $role == initiator ]] && echo "behind this host" || echo "behind the peer")"
  check "$name: natt's child SA is ESP in UDP: $(counter "$json" child_sas)" \
    grep -q "ESP in UDP" "$json"
  check "$name: ESP both ways: natt protected $(counter "$json" esp_protected), accepted \
$(counter "$json" esp_accepted)" bash -c "[[ $(counter "$json" esp_protected) -ge 5 && $(counter "$json" esp_accepted) -ge 5 ]]"
  if [[ $role == initiator ]]; then
    check "$name: natt's 5 UDP echoes came back through the tunnel" \
      test "$(counter "$json" echo_received)" -eq 5
    check "$name: the echo server behind charon saw them from 10.0.0.2 (inner address)" \
      grep -q "from $inside_host:" "$work/$name-echo.txt"
  else
    check "$name: charon's side pinged natt's host through the tunnel: $(grep -E \
      'packet loss' "$work/$name-ping.txt")" grep -q " 0% packet loss" "$work/$name-ping.txt"
  fi
  # The wire: tshark decodes natt's capture and decrypts its IKE and ESP
  # with the keys natt wrote (RFC 7296 3.14, RFC 4303), no malformed frame.
  frames() { # FILTER: frames of natt's capture that FILTER matches, decrypted with its keys
    WIRESHARK_CONFIG_DIR=$work/$name-pcap tshark -r "$work/$name-pcap/host.pcap" -Y "$1" \
      2>/dev/null | wc -l
  }
  local esp
  esp=$(frames 'esp && (icmp || udp.port == 7)')
  check "$name: tshark decrypts both IKE_AUTH messages, natt's and charon's, with natt's keys" \
    test "$(frames isakmp.id.data.fqdn)" -ge 2
  check "$name: and its ESP: $esp decrypted packets" test "$esp" -ge 10
  check "$name: no malformed frame or expert error" \
    test "$(frames '_ws.malformed || _ws.expert.severity >= warning')" -eq 0
  # Give the lab its kernel addresses back.
  if [[ $role == initiator ]]; then
    ip -n natt-in1 addr add "$inside_host/24" dev natt-h1
    ip -n natt-in1 route add default via 10.0.0.1
  else
    ip -n natt-out addr add "$server/24" dev natt-wan
    ip -n natt-out addr add "$protected/24" dev natt-wan
  fi
}
host_case natt-initiator port-preserving initiator
host_case natt-responder symmetric responder

lab_down
finish
