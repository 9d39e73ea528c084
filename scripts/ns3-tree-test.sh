#!/usr/bin/env bash
# Build natt the way most ns-3 users do: as contrib/natt of an ns-3 source
# tree (Debian's ns-3.37, `apt-get source ns3`), with only the modules natt
# needs, then run natt's ns-3 TestSuites through ns-3's test.py, an example,
# the in-tree `natt` command and the GoogleTest suite that runs the examples.
#
#   scripts/ns3-tree-test.sh             fetch/reuse the tree in the cache folder
#   scripts/ns3-tree-test.sh NS3_TREE    use an ns-3 tree of your own instead
#
# The cache folder, ${NATT_CI_CACHE:-/var/cache/natt-ci}, lives outside the
# clone and keeps Debian's source and its build between runs, so only natt is
# compiled again. natt itself is copied afresh into contrib/natt each run:
# the cache never holds a stale natt. Needs root (or sudo) only to install
# missing packages or add a deb-src line.
set -euo pipefail
natt_dir=$(cd "$(dirname "$0")/.." && pwd)
jobs=${NATT_JOBS:-$(nproc)}
cache=${NATT_CI_CACHE:-/var/cache/natt-ci}

say() { echo "ns3-tree-test: $*"; }
fail() {
  echo "ns3-tree-test: $*" >&2
  exit 1
}
sudo=()
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null; then
  sudo=(sudo)
fi
elapsed() { echo "$(($(date +%s) - $1))s"; }

# What the tree build needs beyond natt's own packages: dpkg-dev unpacks the
# Debian source package; ccache keeps natt's rebuilds cheap.
"$natt_dir/scripts/install-deps.sh" --test
extra=()
for p in dpkg-dev ccache; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || extra+=("$p")
done
if [[ ${#extra[@]} -gt 0 ]]; then
  say "installing ${extra[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${extra[@]}"
fi

# ---------------------------------------------------------------- the tree
tree=${1:-}
if [[ -z $tree ]]; then
  # Debian's ns3 source package; a deb-src line is added when none names it.
  sources=$(apt-cache showsrc ns3 2>/dev/null || true)
  if ! grep -q '^Package: ns3' <<<"$sources"; then
    # shellcheck disable=SC1091
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    say "adding a deb-src line for $codename main (/etc/apt/sources.list.d/natt-deb-src.sources)"
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\n' \
      "$codename" | "${sudo[@]}" tee /etc/apt/sources.list.d/natt-deb-src.sources >/dev/null
    "${sudo[@]}" apt-get update -q
  fi
  version=$(apt-cache showsrc ns3 | sed -n 's/^Version: \([0-9.]*\).*/\1/p' | sort -V | tail -n1)
  [[ -n $version ]] || fail "cannot tell the version of Debian's ns3 source package"
  tree=$cache/ns-$version
  if [[ ! -x $tree/ns3 ]]; then
    "${sudo[@]}" mkdir -p "$cache"
    [[ -w $cache ]] || "${sudo[@]}" chown "$(id -u):$(id -g)" "$cache"
    start=$(date +%s)
    fetch=$(mktemp -d "$cache/fetch.XXXXXX")
    say "fetching Debian's ns3 $version source into $fetch"
    (cd "$fetch" && apt-get source -q ns3 >/dev/null)
    # The Debian source package holds ns-3 (ns-3.<v>/) beside bake and netanim;
    # moved into place whole, so a tree in the cache is always complete.
    mv "$fetch"/ns3-*/ns-"$version" "$tree"
    rm -rf "$fetch"
    say "fetched in $(elapsed "$start")"
  else
    say "reusing $tree"
  fi
fi
[[ -x $tree/ns3 && -f $tree/test.py ]] || fail "$tree is not an ns-3 source tree"

# ------------------------------------------------------------ natt in contrib/
# A copy, not a link: ns-3 names the stub headers it writes after the folder it
# found the module in. The build folders of an out-of-tree build stay behind.
# Every file gets the time of the copy (-m): a file restored with an older
# time than the object built from its last version would not be rebuilt, and
# the cache would test a stale natt. ccache makes the full rebuild cheap.
rm -rf "$tree/contrib/natt"
mkdir -p "$tree/contrib/natt"
tar -C "$natt_dir" --exclude=./.git --exclude='./build' --exclude='./build-*' -cf - . |
  tar -C "$tree/contrib/natt" -xmf -

cd "$tree"
export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
# With the cached tree, natt's objects are cached beside it, so a warm run
# does not depend on a home folder that CI may not keep.
if [[ -z ${1:-} ]]; then
  export CCACHE_DIR=${CCACHE_DIR:-$cache/ccache}
fi
# Only natt and the modules it names (ns-3 follows LIBRARIES_TO_LINK), and only
# natt's examples and tests: the other modules' would triple the build.
start=$(date +%s)
./ns3 configure -d release --enable-modules=natt --enable-examples --enable-tests \
  --filter-module-examples-and-tests=natt >configure.log 2>&1 ||
  { tail -n 40 configure.log; fail "configure failed (full log: $tree/configure.log)"; }
grep -A3 '^Modules configured to be built' configure.log
say "configured in $(elapsed "$start")"

start=$(date +%s)
# cmake directly: ns-3.37's ./ns3 build caps its jobs at one less than nproc.
cmake --build cmake-cache -j "$jobs" >build.log 2>&1 ||
  { grep -B2 -A12 -m5 'error' build.log || tail -n 40 build.log; fail "build failed (full log: $tree/build.log)"; }
say "built in $(elapsed "$start")"

# ------------------------------------------------------------------ tests
# natt's ns-3 TestSuites, each through test.py, which exits non-zero on a
# failure; an empty list means the suites were not built, which fails too.
start=$(date +%s)
runner=$(find build/utils -maxdepth 1 -name 'ns3*-test-runner*' -type f -executable | head -n1)
[[ -n $runner ]] || fail "no test-runner in $tree/build/utils"
suites=$("$runner" --print-test-name-list | grep '^natt' || true)
[[ -n $suites ]] || fail "test-runner lists no natt TestSuite"
for suite in $suites; do
  ./test.py --no-build --suite="$suite" | tee test-py.log
  grep -q "PASS.*: TestSuite $suite\$" test-py.log || fail "test.py did not pass $suite"
done
say "test.py ran $(echo "$suites" | wc -w) natt suite(s) in $(elapsed "$start")"

# An example and the command, through ns-3's launcher as a user runs them.
./ns3 run --no-build natt-tunnel-example | tee example.log
grep -q 'echoes received: 5 of 5' example.log || fail "natt-tunnel-example lost echoes"
./ns3 run --no-build "natt list" >natt-list.log
grep '^rfc3715-a ' natt-list.log || fail "natt list does not list rfc3715-a"
say "natt list: $(tail -n1 natt-list.log)"

# The GoogleTest suites build with GoogleTest installed; the one that runs
# each example program checks the examples ns-3 built.
gtests=$(find "$tree/build" "$tree/cmake-cache" -name natt-tests -type f -executable | head -n1)
[[ -n $gtests ]] || fail "the GoogleTest suites (natt-tests) were not built"
(cd "$(dirname "$gtests")" && "$gtests" --gtest_filter='Examples*' --gtest_brief=1)
say "natt builds and passes its tests in $tree"
