#!/usr/bin/env bash
# Installs what building and testing jsock needs and a fresh Debian machine may lack:
# a C compiler and CMake for the shim (with gcc's ASan and UBSan runtimes), python3 / iproute2 /
# openssl as the tests' real peers.
# Maven and a JDK 17 are taken as given. Installs only what is missing (needs root for apt-get).
set -euo pipefail

need=()
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v ctest >/dev/null 2>&1 || need+=(cmake)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v ss >/dev/null 2>&1 || need+=(iproute2)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ -e /usr/include/linux/tipc.h ] || need+=(linux-libc-dev)
# The benchmark report (benchmarks/, run by mvn verify in smoke mode) draws text with Java2D: it needs a font.
[ -n "$(fc-list 2>/dev/null | head -n 1)" ] || need+=(fontconfig fonts-dejavu-core)

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
