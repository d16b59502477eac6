#!/usr/bin/env bash
# Installs what building and testing jsock needs and a fresh Debian machine may lack.
#
#   ./prereqs.sh            everything `mvn verify` needs: the build's part below, and the tests'
#                           real peers (python3, iproute2's ip and ss, openssl) and a font for the
#                           benchmark report's chart. CI runs this.
#   ./prereqs.sh --build    only what building needs: a C compiler (with gcc's ASan and UBSan
#                           runtimes), the C library's and the kernel's headers, CMake, and on amd64
#                           the aarch64 cross compiler and C library (the jar bundles both
#                           architectures' libjsock.so). ./jsock runs this before its first build.
#                           Without --build, also what runs the aarch64 tests: qemu-user with
#                           binfmt_misc (mounted and enabled for qemu-aarch64 here), and Debian's
#                           arm64 JDK 17 (dpkg --add-architecture arm64). Note that installing
#                           openjdk-17-jre-headless:arm64 upgrades the amd64 openjdk-17 packages to
#                           its version (Multi-Arch: same packages move in lockstep).
#                           Also, on amd64, what the VM harness boots (vm/packages: Debian's kernel,
#                           busybox-static, qemu-system-x86, kmod; without recommended packages).
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
    -h|--help) sed -n '2,21s/^# \{0,1\}//p' "$0"; exit 0 ;;
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
# The linux-aarch64 shim, cross-built on amd64 (cmake/aarch64-linux-gnu.cmake).
amd64=false
[ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ] && amd64=true
if $amd64; then
  command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || add gcc-aarch64-linux-gnu
  [ -e /usr/aarch64-linux-gnu/include/stdio.h ] || add libc6-dev-arm64-cross
fi

if ! $build_only; then
  # The tests: real peers, no mocks.
  command -v python3 >/dev/null 2>&1 || add python3
  command -v ip >/dev/null 2>&1 || add iproute2
  command -v ss >/dev/null 2>&1 || add iproute2
  command -v openssl >/dev/null 2>&1 || add openssl
  # The look-ups of services and protocols (SocketsParityTest, the README's examples) read these.
  { [ -e /etc/services ] && [ -e /etc/protocols ]; } || add netbase
  # The benchmark report (benchmarks/, run by mvn verify in smoke mode) draws text with Java2D: it needs a font.
  [ -n "$(fc-list 2>/dev/null | head -n 1)" ] || add fontconfig fonts-dejavu-core
  if $amd64; then
    # The aarch64 C tests (ctest's emulator) and the Java subset on the arm64 JDK, under qemu-user.
    command -v qemu-aarch64-static >/dev/null 2>&1 || add qemu-user-static
    command -v update-binfmts >/dev/null 2>&1 || add binfmt-support
    [ -x /usr/lib/jvm/java-17-openjdk-arm64/bin/java ] || add openjdk-17-jre-headless:arm64
  fi
fi

# The VM that runs the tests tagged guest (vm/run) has its own list, installed by vm/packages.
vm_missing=
if ! $build_only && $amd64; then
  vm_missing=$("$(dirname "$0")/vm/packages" --list)
fi

if $list_only; then
  echo ${need[*]-} $vm_missing
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
  # An arm64 package (the arm64 JDK) needs Debian's arm64 architecture in dpkg, then a new update.
  if [[ " $* " == *":arm64 "* ]] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
    echo "prereqs: dpkg --add-architecture arm64" >&2
    dpkg --add-architecture arm64
    updated=
  fi
  [ -n "$updated" ] || { apt-get update -qq >&2; updated=1; }
  apt-get install -y -qq "$@" >&2
}
[ ${#need[@]} -eq 0 ] || install "${need[@]}"
if [ -n "$vm_missing" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "prereqs: missing $vm_missing; install them as root (vm/packages)" >&2; exit 1; }
  "$(dirname "$0")/vm/packages"
fi

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
# qemu-user through binfmt_misc, so that the kernel runs aarch64 programs (the arm64 JDK) at all.
# Where it cannot be mounted (a container without the right), the build says that the aarch64
# Java subset is skipped and why.
if ! $build_only && $amd64; then
  binfmt=/proc/sys/fs/binfmt_misc
  if [ ! -e "$binfmt/status" ]; then
    if [ "$(id -u)" -ne 0 ] || ! mount binfmt_misc -t binfmt_misc "$binfmt" >/dev/null 2>&1; then
      echo "prereqs: could not mount binfmt_misc at $binfmt (needs root): the aarch64 Java tests will be skipped" >&2
    fi
  fi
  if [ -e "$binfmt/status" ] && [ "$(head -n 1 "$binfmt/qemu-aarch64" 2>/dev/null)" != enabled ]; then
    echo "prereqs: update-binfmts --enable qemu-aarch64" >&2
    update-binfmts --enable qemu-aarch64 >&2 || echo "prereqs: could not enable qemu-aarch64 in binfmt_misc: the aarch64 Java tests will be skipped" >&2
  fi
fi
command -v mvn >/dev/null 2>&1 || { echo "prereqs: Maven (mvn) is required" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "prereqs: a JDK 17 or newer is required" >&2; exit 1; }
