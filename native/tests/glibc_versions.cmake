# ctest: the shim loads on every glibc from 2.17 on (RHEL 7 and 8, Ubuntu 20.04, Debian 10, Amazon
# Linux 2): no symbol it takes from the C library may carry a version newer than that.
#
#   cmake -DREADELF=readelf -DLIBRARY=libjsock.so [-DNEWEST=2.17] -P glibc_versions.cmake
#
# Reads the library's version needs (readelf --version-info: the .gnu.version_r section, what the
# dynamic linker checks before it loads the file) and names each symbol that needs a version
# above NEWEST (readelf --dyn-syms).
if(NOT NEWEST)
  set(NEWEST 2.17)
endif()
foreach(var READELF LIBRARY)
  if(NOT ${var})
    message(FATAL_ERROR "glibc_versions.cmake needs -D${var}=...")
  endif()
endforeach()

execute_process(COMMAND ${READELF} -W --version-info ${LIBRARY}
                OUTPUT_VARIABLE needs ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${READELF} --version-info ${LIBRARY} failed (${rc}): ${err}")
endif()
string(REGEX MATCHALL "Name: GLIBC_[0-9.]+" names "${needs}")
if(NOT names)
  message(FATAL_ERROR "${LIBRARY} needs no GLIBC_ version at all: is it linked against glibc?\n${needs}")
endif()

set(newest_seen 0)
set(too_new "")
foreach(n IN LISTS names)
  string(REPLACE "Name: GLIBC_" "" v "${n}")
  if(v VERSION_GREATER newest_seen)
    set(newest_seen ${v})
  endif()
  if(v VERSION_GREATER NEWEST)
    list(APPEND too_new ${v})
  endif()
endforeach()

if(too_new)
  execute_process(COMMAND ${READELF} -W --dyn-syms ${LIBRARY} OUTPUT_VARIABLE syms)
  set(culprits "")
  foreach(v IN LISTS too_new)
    string(REPLACE "." "\\." rv "${v}")
    string(REGEX MATCHALL "[A-Za-z0-9_]+@+GLIBC_${rv}[ \n]" found "${syms}")
    string(STRIP "${found}" found)
    list(APPEND culprits "GLIBC_${v}: ${found}")
  endforeach()
  list(JOIN culprits "; " culprits)
  message(FATAL_ERROR "${LIBRARY} needs glibc newer than ${NEWEST} (it would not load there): ${culprits}")
endif()
message(STATUS "${LIBRARY}: newest glibc symbol version needed is GLIBC_${newest_seen} (at most GLIBC_${NEWEST} allowed)")
