# Warnings and sanitizers live on an INTERFACE target that only our own targets link.
add_library(steward_warnings INTERFACE)
add_library(steward::warnings ALIAS steward_warnings)
target_compile_options(steward_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
  -Wimplicit-fallthrough -Wvla -Werror=vla $<$<CXX_COMPILER_ID:GNU>:-Walloca>)
# GCC 12 at -O3 reports false -Wrestrict overlaps in std::string concatenation
# (https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105651).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(steward_warnings INTERFACE -Wno-restrict)
endif()
# A unity build (the Makefile's, so CI compiles each module's headers once) includes every .cc
# into a generated file, where GCC's -Wsubobject-linkage, meant for headers, fires on classes
# whose members have types from the file's anonymous namespace.
if(CMAKE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(steward_warnings INTERFACE -Wno-subobject-linkage)
endif()
if(STEWARD_WERROR)
  target_compile_options(steward_warnings INTERFACE -Werror)
endif()

if(STEWARD_SANITIZE)
  add_compile_options(-fsanitize=${STEWARD_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${STEWARD_SANITIZE})
elseif(CMAKE_BUILD_TYPE STREQUAL "Release")
  # Hardening that costs nothing measurable (RELIABILITY.md H1).
  add_compile_options(-fstack-protector-strong -fstack-clash-protection -D_FORTIFY_SOURCE=2)
  add_link_options(-Wl,-z,relro,-z,now)
endif()
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

# steward_module(name SRCS ... DEPS ...): one static library per module under src/steward/.
function(steward_module name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(steward_${name} STATIC ${ARG_SRCS})
  add_library(steward::${name} ALIAS steward_${name})
  target_include_directories(steward_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(steward_${name} PUBLIC ${ARG_DEPS} PRIVATE steward::warnings ${ARG_PRIVATE_DEPS})
endfunction()

# steward_test(name SRCS ... DEPS ... [LABELS ...] [PREFIX p]): a GoogleTest executable
# registered with CTest; PREFIX is put before each test's name (`ctest -R registry` then finds
# them).
function(steward_test name)
  if(NOT STEWARD_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "PREFIX" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest_main GTest::gmock steward::warnings)
  target_compile_definitions(${name} PRIVATE STEWARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  # One label per test binary: a list would be split apart by gtest_discover_tests.
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  include(GoogleTest)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_PREFIX "${ARG_PREFIX}"
                       PROPERTIES LABELS ${ARG_LABELS})
endfunction()
