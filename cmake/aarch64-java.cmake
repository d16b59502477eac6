# Whether this machine can run the arm64 JDK that the aarch64 Java subset runs on (under qemu-user,
# through binfmt_misc), for java/pom.xml's linux-aarch64 profile:
#
#   cmake -DJAVA=/usr/lib/jvm/java-17-openjdk-arm64/bin/java -DOUT=aarch64-java.properties [-DCI=true] [-DSKIP=true] -P aarch64-java.cmake
#
# Writes jsock.aarch64.java.skip=false to OUT when `JAVA -version` runs, else true, and then says
# why on the build's output, with what to install or enable. Only a machine that truly cannot run
# it (no binfmt_misc to register qemu with) skips under CI=true: there a JDK or an emulator that is
# merely not installed fails the build, since ./prereqs.sh installs both.
foreach(var JAVA OUT)
  if(NOT ${var})
    message(FATAL_ERROR "aarch64-java.cmake needs -D${var}=...")
  endif()
endforeach()

# -DSKIP=...: the build's skipTests and maven.test.skip; either true skips without a word.
if(SKIP MATCHES "(^|,)true(,|$)")
  file(WRITE ${OUT} "jsock.aarch64.java.skip=true\n")
  return()
endif()

set(binfmt /proc/sys/fs/binfmt_misc)
set(why "")
set(installable FALSE)
find_program(qemu NAMES qemu-aarch64-static qemu-aarch64)
if(NOT qemu)
  set(why "no qemu-user for aarch64 (Debian's qemu-user-static and binfmt-support; ./prereqs.sh installs them)")
  set(installable TRUE)
elseif(NOT EXISTS ${JAVA})
  set(why "no arm64 JDK at ${JAVA} (Debian's openjdk-17-jre-headless:arm64, after dpkg --add-architecture arm64; ./prereqs.sh installs it)")
  set(installable TRUE)
elseif(NOT EXISTS ${binfmt}/status)
  set(why "binfmt_misc is not mounted at ${binfmt}, so the kernel cannot hand aarch64 programs to qemu (as root: mount binfmt_misc -t binfmt_misc ${binfmt}; update-binfmts --enable qemu-aarch64; ./prereqs.sh tries both)")
else()
  set(entry "")
  if(EXISTS ${binfmt}/qemu-aarch64)
    file(STRINGS ${binfmt}/qemu-aarch64 entry LIMIT_COUNT 1)
  endif()
  if(NOT entry STREQUAL "enabled")
    set(why "binfmt_misc has no enabled qemu-aarch64 entry, so the kernel cannot hand aarch64 programs to qemu (as root: update-binfmts --enable qemu-aarch64; ./prereqs.sh does it)")
  else()
    execute_process(COMMAND ${JAVA} -version RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out TIMEOUT 120)
    if(NOT rc EQUAL 0)
      string(REPLACE "\n" " " out "${out}")
      set(why "${JAVA} -version failed under qemu-user (${rc}): ${out}")
    else()
      string(REGEX MATCH "version \"[^\"]+\"" version "${out}")
    endif()
  endif()
endif()

if(why STREQUAL "")
  file(WRITE ${OUT} "jsock.aarch64.java.skip=false\n")
  message(STATUS "jsock: the aarch64 Java subset runs on ${JAVA} (${version}) under qemu-user")
elseif(installable AND CI STREQUAL "true")
  message(FATAL_ERROR "jsock: the aarch64 Java subset cannot run: ${why}")
else()
  file(WRITE ${OUT} "jsock.aarch64.java.skip=true\n")
  message(WARNING "jsock: SKIPPING the aarch64 Java subset: ${why}")
endif()
