# Shared by the live tests (CTest label `live`, doc/live.rst): sourced by
# live-test.sh, live-rfc5780-test.sh and live-strongswan-test.sh, each run as
#
#   TEST NATT LIVE_LAB WORK_DIR
#
# It sets natt, lab, work, python, the namespace prefixes at_nat, at_in1,
# at_in2, at_out, and the helpers below. Each test names itself first:
#   test_name=natt-live-something; source live-common.sh
#
# A test exits 77 (CTest's SKIP_RETURN_CODE) when not root or when network
# namespaces cannot be made, and fails when a tool it needs is missing
# (scripts/install-deps.sh --test installs them). The lab's names are fixed,
# so every live test holds the CTest resource lock natt-live-lab.
natt=$1
lab=$2
work=$3
# Debian's own python3 when there is one: it starts in a tenth of the time of
# a version manager's shim, which matters against a NAT's timers.
python=$(command -v /usr/bin/python3 || command -v python3)
now_ms() { echo $(($(date +%s%N) / 1000000)); }
since() { # MS: seconds since MS, as 1.234
  local ms=$(($(now_ms) - $1))
  printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}
began=$(now_ms)
failures=0

say() { echo "$test_name: $*"; }
fail() {
  echo "$test_name: FAIL: $*" >&2
  failures=$((failures + 1))
}
check() { # check DESCRIPTION COMMAND...: ok when COMMAND succeeds
  local what=$1
  shift
  if "$@"; then say "ok: $what"; else fail "$what"; fi
}
skip() {
  say "SKIP: $*"
  exit 77
}
finish() { # the closing line and status
  say "took $(since "$began") s"
  if [[ $failures -gt 0 ]]; then
    say "$failures failed"
    exit 1
  fi
  say "all passed"
  exit 0
}

# require TOOL...: root, network namespaces, and the tools
require() {
  local tool probe error
  [[ $(id -u) -eq 0 ]] || skip "not root: the live tests make network namespaces (run ctest as root)"
  for tool in ip ethtool timeout mountpoint "$@"; do
    command -v "$tool" >/dev/null || { fail "needs $tool (scripts/install-deps.sh --test)"; exit 1; }
  done
  # In a chroot whose / is no mount point (fresh-debian.sh's) a namespace
  # can be added but not entered: ip netns exec first remounts / as a
  # slave, which fails. Asked before anything is made, since ip netns add
  # would leave its /run/netns mount in the chroot.
  if ! mountpoint -q /; then
    skip "/ is not a mount point (a chroot?), so ip netns exec cannot enter a namespace here"
  fi
  probe=natt-probe$$
  if ! error=$(ip netns add "$probe" 2>&1); then
    skip "network namespaces are unavailable here (ip netns add: $error)"
  fi
  if ! error=$(ip netns exec "$probe" true 2>&1); then
    ip netns del "$probe"
    skip "network namespaces cannot be entered here (ip netns exec: $error)"
  fi
  ip netns del "$probe"
}

started=()
cleanup() {
  local pid
  for pid in "${started[@]}"; do
    kill "$pid" 2>/dev/null
  done
  wait 2>/dev/null
  "$lab" down
}
# lab_up N: the lab with N inside hosts, torn down on exit. A lab that is
# already up is another run's: up refuses it, and the test leaves it alone
# (the trap is set only once up made the lab).
lab_up() {
  rm -rf "$work"
  mkdir -p "$work"
  "$lab" up --inside "$1" || { fail "live-lab.sh up"; exit 1; }
  trap cleanup EXIT
}
# lab_down: tear down now, and check that nothing is left
lab_down() {
  check "no lab link ever appeared in the root namespace" \
    bash -c "! ip -o link show | grep -q ': natt-'"
  trap - EXIT
  cleanup
  check "live-lab.sh down leaves no lab namespace" \
    bash -c "! ip netns list | grep -Eq '^natt-(in[0-9]+|lan|nat|out)( |$)'"
  check "and no lab link in the root namespace" bash -c "! ip -o link show | grep -q ': natt-'"
}

# Commands, not functions: timeout and kill need the processes themselves.
at_nat=(ip netns exec natt-nat)
at_in1=(ip netns exec natt-in1)
at_in2=(ip netns exec natt-in2)
at_out=(ip netns exec natt-out)
readonly server=198.51.100.2 server2=198.51.100.3 nat_outside=198.51.100.1
readonly lab_interfaces=(--inside natt-inside --outside natt-outside)

# start_nat NAME OPTIONS...: natt live in natt-nat, its JSON in WORK/NAME.json
start_nat() {
  local name=$1 k
  shift
  "${at_nat[@]}" timeout 120 "$natt" live "${lab_interfaces[@]}" --json "$@" \
    >"$work/$name.json" 2>"$work/$name.err" &
  nat_pid=$!
  started+=("$nat_pid")
  # Ready once its banner is out, just before the simulator runs.
  for ((k = 0; k < 100; k++)); do
    if grep -q "^natt live: " "$work/$name.err"; then
      sleep 0.2
      return 0
    fi
    kill -0 "$nat_pid" 2>/dev/null || break
    sleep 0.1
  done
  fail "$name: natt live did not start: $(cat "$work/$name.err")"
  return 1
}
finish_nat() { # NAME: wait for natt live; it must exit 0 and print its JSON
  wait "$nat_pid"
  local status=$?
  check "$1: natt live exits 0 (got $status; $(tr '\n' ' ' <"$work/$1.err"))" test "$status" -eq 0
  say "$1 counters: $(cat "$work/$1.json")"
}
stop_nat() { # NAME: SIGINT, then finish_nat
  kill -INT "$nat_pid"
  finish_nat "$1"
}
counter() { # FILE KEY[.KEY]: a value from natt live's JSON (0 when absent)
  "$python" -c 'import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."):
    value = value.get(key, 0) if isinstance(value, dict) else 0
print(value)' "$1" "$2" 2>/dev/null || echo "unreadable"
}
# wait_for PATTERN FILE [TENTHS]: until FILE holds PATTERN (5 s by default)
wait_for() {
  local k
  for ((k = 0; k < ${3:-50}; k++)); do
    grep -q "$1" "$2" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
