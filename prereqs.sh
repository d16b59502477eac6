#!/usr/bin/env bash
# Installs what building and testing jsock needs and a fresh Debian machine may lack.
#
#   ./prereqs.sh            everything `mvn verify` needs: the build's part below, and the tests'
#                           real peers (python3, iproute2's ip and ss, openssl) and a font for the
#                           benchmark report's chart. CI runs this.
#   ./prereqs.sh --build    only what building needs: a C compiler (with gcc's ASan and UBSan
#                           runtimes), the C library's and the kernel's headers, CMake. ./jsock runs this before its first build.
#   --list                  (with either) print the missing Debian packages on one line and install
#                           nothing.
#
# Maven and a JDK 17 are taken as given. Installs only what is missing (needs root for apt-get).
set -euo pipefail

build_only=false
list_only=false
for arg in "$@"; do
  case "$arg" in
    --build) build_only=true ;;
    --list) list_only=true ;;
    -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "prereqs: unknown argument '$arg' (expected --build and/or --list)" >&2; exit 2 ;;
  esac
done

need=()
add() { # adds packages not yet in need
  local p
  for p in "$@"; do
    [[ " ${need[*]-} " == *" $p "* ]] || need+=("$p")
  done
}

# The build: the shim (CMake, a C compiler, libc's and linux's headers, which consts.c reads).
command -v cc >/dev/null 2>&1 || add gcc libc6-dev
command -v cmake >/dev/null 2>&1 || add cmake
command -v ctest >/dev/null 2>&1 || add cmake
[ -e /usr/include/linux/tipc.h ] || add linux-libc-dev

if ! $build_only; then
  # The tests: real peers, no mocks.
  command -v python3 >/dev/null 2>&1 || add python3
  command -v ip >/dev/null 2>&1 || add iproute2
  command -v ss >/dev/null 2>&1 || add iproute2
  command -v openssl >/dev/null 2>&1 || add openssl
  # The benchmark report (benchmarks/, run by mvn verify in smoke mode) draws text with Java2D: it needs a font.
  [ -n "$(fc-list 2>/dev/null | head -n 1)" ] || add fontconfig fonts-dejavu-core
fi

if $list_only; then
  echo "${need[*]-}"
  exit 0
fi

updated=
install() {
  echo "prereqs: installing $*" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "prereqs: missing $*; install them as root (apt-get install $*)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  [ -n "$updated" ] || { apt-get update -qq >&2; updated=1; }
  apt-get install -y -qq "$@" >&2
}
[ ${#need[@]} -eq 0 ] || install "${need[@]}"

# The sanitized build of the shim and the C tests (CMake's JSOCK_SANITIZERS) links gcc's ASan and
# UBSan runtimes; they come with libgcc-N-dev (libasan, libubsan), which gcc N normally brings.
sanitizers_link() {
  local dir rc=0
  dir=$(mktemp -d)
  echo 'int main(void) { return 0; }' >"$dir/t.c"
  cc -fsanitize=address,undefined "$dir/t.c" -o "$dir/t" >/dev/null 2>&1 || rc=1
  rm -rf "$dir"
  return $rc
}
if ! sanitizers_link; then
  install "libgcc-$(cc -dumpversion | cut -d. -f1)-dev"
  sanitizers_link || { echo "prereqs: cc cannot link -fsanitize=address,undefined" >&2; exit 1; }
fi
command -v mvn >/dev/null 2>&1 || { echo "prereqs: Maven (mvn) is required" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "prereqs: a JDK 17 or newer is required" >&2; exit 1; }
