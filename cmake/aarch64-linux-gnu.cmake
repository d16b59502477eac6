# Cross build of the shim for linux-aarch64 with Debian's cross compiler (gcc-aarch64-linux-gnu,
# libc6-dev-arm64-cross; ./prereqs.sh installs them):
#
#   cmake -S . -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake
#
# ctest runs the aarch64 test programs under qemu-user (qemu-aarch64-static) where it is
# installed; CMakeLists.txt says so when it is not.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(JSOCK_CROSS_TRIPLE aarch64-linux-gnu)
set(JSOCK_CROSS_ROOT /usr/${JSOCK_CROSS_TRIPLE})

find_program(JSOCK_CROSS_CC ${JSOCK_CROSS_TRIPLE}-gcc)
if(NOT JSOCK_CROSS_CC)
  message(FATAL_ERROR "no ${JSOCK_CROSS_TRIPLE}-gcc to build the linux-aarch64 shim with: ./prereqs.sh --build "
                      "installs it (Debian's gcc-aarch64-linux-gnu and libc6-dev-arm64-cross); or build without "
                      "the aarch64 library: mvn ... -Djsock.aarch64.skip")
endif()
set(CMAKE_C_COMPILER ${JSOCK_CROSS_CC})
set(CMAKE_FIND_ROOT_PATH ${JSOCK_CROSS_ROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# The programs start through the cross C library's dynamic loader, named on the command line:
# with qemu's own -L ${JSOCK_CROSS_ROOT} instead, qemu 7.2 spins forever in the first
# pthread_create (seen 2026-12-02; the same programs run at once this way).
find_program(JSOCK_QEMU NAMES qemu-aarch64-static qemu-aarch64)
if(JSOCK_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${JSOCK_QEMU} ${JSOCK_CROSS_ROOT}/lib/ld-linux-aarch64.so.1
      --library-path ${JSOCK_CROSS_ROOT}/lib)
endif()
