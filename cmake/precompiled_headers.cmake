# Precompiled headers for the slow, stable third-party headers: GoogleTest (every test file) and
# Boost.Beast + Boost.JSON (every file behind http/handler.h, tests/support/http_client.h or the
# tixbench client). Included at the end of the top-level CMakeLists.txt, once every target exists:
# each target gets one of three shared PCHs by what it links, so no subdirectory names a PCH and a
# new library or test picks the right one up by itself.
#
#   links (directly or not)              gets
#   a Beast library and GoogleTest       tix_pch_http_gtest   (Beast, JSON, gtest)
#   a Beast library                      tix_pch_http         (Beast, JSON)
#   GoogleTest                           tix_pch_gtest        (gtest)
#   neither (engine, common, store...)   none: those files are cheap and include only std headers
#   an imported library with -D flags    none: such a macro may change the headers the PCH was
#   the PCH's owner lacks, or one found  built with (hiredis's -D_FILE_OFFSET_BITS=64: altbench
#   in a subdirectory (flags unknown)    and its tests)
#
# The code keeps its own includes: a PCH only saves parsing, and the TSan build does without, so
# that a missing include in src/ still fails in CI (TIX_PCH in CMakeLists.txt says which builds).
# g++ refuses a PCH built with other macros or flags; CMake adds -Winvalid-pch, which -Werror
# turns into an error, so a mismatch fails the build instead of silently compiling slower.

# Libraries whose public headers include Boost.Beast.
set(tix_pch_beast_libs tix_http tix_test_support tixbench_lib)

set(tix_pch_gtest_headers <gtest/gtest.h>)
set(tix_pch_http_headers <boost/beast/core/tcp_stream.hpp> <boost/beast/http.hpp> <boost/json.hpp>)

# The owners: empty object libraries that compile each PCH once. They link what defines the macros
# the headers test (GTEST_HAS_PTHREAD, BOOST_JSON_DYN_LINK...), exactly as their users do.
set(tix_pch_source "${PROJECT_BINARY_DIR}/tix_pch_owner.cpp")
file(CONFIGURE OUTPUT "${tix_pch_source}" CONTENT "// Owns a precompiled header; no code.\n")
add_library(tix_pch_gtest OBJECT "${tix_pch_source}")
target_link_libraries(tix_pch_gtest PRIVATE GTest::gtest)
target_precompile_headers(tix_pch_gtest PRIVATE ${tix_pch_gtest_headers})
add_library(tix_pch_http OBJECT "${tix_pch_source}")
target_link_libraries(tix_pch_http PRIVATE Boost::json)
target_precompile_headers(tix_pch_http PRIVATE ${tix_pch_http_headers})
add_library(tix_pch_http_gtest OBJECT "${tix_pch_source}")
target_link_libraries(tix_pch_http_gtest PRIVATE Boost::json GTest::gtest)
target_precompile_headers(tix_pch_http_gtest PRIVATE ${tix_pch_http_headers}
                                                     ${tix_pch_gtest_headers})

# Every target defined in `dir` and below, into `out`.
function(tix_pch_targets dir out)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    tix_pch_targets("${subdir}" more)
    list(APPEND targets ${more})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Everything `target` links, directly or through other targets, into `out`; into `hidden`, the
# imported targets that are not visible here (found in a subdirectory), whose flags are unknown.
function(tix_pch_closure target out hidden)
  set(seen "")
  set(not_visible "")
  set(todo ${target})
  while(todo)
    list(POP_FRONT todo item)
    # $<LINK_ONLY:...>: a static library's private dependency, which adds no compile flags.
    if(item IN_LIST seen OR item MATCHES "^\\$<")
      continue()
    endif()
    if(NOT TARGET ${item})
      if(item MATCHES "::")
        list(APPEND not_visible ${item})
      endif()
      continue()
    endif()
    list(APPEND seen ${item})
    get_target_property(imported ${item} IMPORTED)
    get_target_property(type ${item} TYPE)
    if(NOT imported AND NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(direct ${item} LINK_LIBRARIES)
      if(direct)
        list(APPEND todo ${direct})
      endif()
    endif()
    get_target_property(interface ${item} INTERFACE_LINK_LIBRARIES)
    if(interface)
      list(APPEND todo ${interface})
    endif()
  endwhile()
  set(${out} ${seen} PARENT_SCOPE)
  set(${hidden} ${not_visible} PARENT_SCOPE)
endfunction()

# The -D flags that imported libraries (pkg-config, GTest) add to the files of `closure`.
function(tix_pch_macros closure out)
  set(macros "")
  foreach(lib IN LISTS closure)
    get_target_property(options ${lib} INTERFACE_COMPILE_OPTIONS)
    foreach(option IN LISTS options)
      if(option MATCHES "^-D")
        list(APPEND macros "${option}")
      endif()
    endforeach()
  endforeach()
  set(${out} ${macros} PARENT_SCOPE)
endfunction()

tix_pch_targets("${PROJECT_SOURCE_DIR}" tix_targets)
foreach(target IN LISTS tix_targets)
  get_target_property(type ${target} TYPE)
  if(NOT type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$"
     OR target MATCHES "^tix_pch_")
    continue()
  endif()
  tix_pch_closure(${target} closure hidden)
  set(beast OFF)
  foreach(lib IN LISTS tix_pch_beast_libs)
    if(lib IN_LIST closure)
      set(beast ON)
    endif()
  endforeach()
  set(gtest OFF)
  if("GTest::gtest" IN_LIST closure OR "GTest::gtest_main" IN_LIST closure)
    set(gtest ON)
  endif()
  if(beast AND gtest)
    set(owner tix_pch_http_gtest)
  elseif(beast)
    set(owner tix_pch_http)
  elseif(gtest)
    set(owner tix_pch_gtest)
  else()
    continue()
  endif()
  tix_pch_macros("${closure}" macros)
  tix_pch_closure(${owner} owner_closure owner_hidden)
  tix_pch_macros("${owner_closure}" owner_macros)
  if(owner_macros)
    list(REMOVE_ITEM macros ${owner_macros})
  endif()
  if(NOT macros AND NOT hidden)
    target_precompile_headers(${target} REUSE_FROM ${owner})
  endif()
endforeach()
