#!/usr/bin/env bash
# Installs what building and testing jsock needs and a fresh Debian machine may lack.
#
#   ./prereqs.sh            everything `mvn verify` needs: the build's part below, and the tests'
#                           real peers (python3, iproute2's ip and ss, openssl) and a font for the
#                           benchmark report's chart. CI runs this.
#   ./prereqs.sh --build    only what building needs: a C compiler, the C library's and the kernel's
#                           headers, CMake. ./jsock runs this before its first build.
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

if [ ${#need[@]} -gt 0 ]; then
  echo "prereqs: installing ${need[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "prereqs: missing ${need[*]}; install them as root (apt-get install ${need[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need[@]}" >&2
fi
command -v mvn >/dev/null 2>&1 || { echo "prereqs: Maven (mvn) is required" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "prereqs: a JDK 17 or newer is required" >&2; exit 1; }
