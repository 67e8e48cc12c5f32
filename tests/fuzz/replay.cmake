# Included from tests/CMakeLists.txt: each fuzz target (tests/fuzz/fuzz_*.c)
# linked with replay.c instead of libFuzzer, built with the normal test
# flags (gcc, ASan+UBSan under `make test`). ctest then replays
#   fuzz_seeds/<target>        the seed corpus tests/fuzz/corpus/<target>/
#   fuzz_regress/<file>        each tests/fuzz/regressions/<target>-<name>
# (a crash the fuzzers found: it fails until the engine is fixed).
set(WINNOW_FUZZ_DIR ${CMAKE_SOURCE_DIR}/tests/fuzz)
foreach(t json text html feeds warc records dedup)
  add_executable(replay_${t} ${WINNOW_FUZZ_DIR}/fuzz_${t}.c ${WINNOW_FUZZ_DIR}/replay.c)
  target_include_directories(replay_${t} PRIVATE ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(replay_${t} PRIVATE winnow_static)
  add_test(NAME fuzz_seeds/${t} COMMAND replay_${t} ${WINNOW_FUZZ_DIR}/corpus/${t})
  set_tests_properties(fuzz_seeds/${t} PROPERTIES TIMEOUT 300)
endforeach()
file(GLOB WINNOW_FUZZ_REGRESSIONS CONFIGURE_DEPENDS ${WINNOW_FUZZ_DIR}/regressions/*-*)
foreach(r ${WINNOW_FUZZ_REGRESSIONS})
  get_filename_component(name ${r} NAME)
  string(REGEX REPLACE "-.*" "" t ${name})
  if(TARGET replay_${t})
    add_test(NAME fuzz_regress/${name} COMMAND replay_${t} ${r})
    set_tests_properties(fuzz_regress/${name} PROPERTIES TIMEOUT 120)
  else()
    message(WARNING "tests/fuzz/regressions/${name}: no fuzz target '${t}'")
  endif()
endforeach()
