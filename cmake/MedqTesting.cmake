# medq_add_test(NAME SOURCES a.cpp ... LIBS lib ... [GUI] [LABELS l ...] [TIMEOUT s])
# Builds a QtTest executable and registers it with CTest. GUI tests run under Xvfb
# (xvfb-run -a) and with QT_QPA_PLATFORM=xcb because VTK renders through X only.
find_program(XVFB_RUN xvfb-run)

function(medq_add_test name)
  cmake_parse_arguments(T "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  target_compile_definitions(${name} PRIVATE
    MEDQ_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    MEDQ_SAMPLE_PYDICOM="/usr/lib/python3/dist-packages/pydicom/data/test_files"
    MEDQ_SAMPLE_NIBABEL="/usr/lib/python3/dist-packages/nibabel/tests/data"
    MEDQ_SAMPLE_SKIMAGE="/usr/lib/python3/dist-packages/skimage/data")
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  if(MEDQ_SANITIZE)
    # Debug + sanitizer builds run 3-10x slower (docs/sanitizers.md).
    math(EXPR T_TIMEOUT "${T_TIMEOUT} * 4")
  endif()
  # QtTest aborts any one test function after 300 s by default; on a busy 2-core machine a
  # loop test function can take longer, so the CTest timeout is the only limit.
  math(EXPR function_timeout_ms "${T_TIMEOUT} * 1000")
  if(T_GUI)
    if(NOT XVFB_RUN)
      message(FATAL_ERROR "xvfb-run is needed for GUI tests: run installer/install-deps.sh")
    endif()
    add_test(NAME ${name} COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" $<TARGET_FILE:${name}>)
    set(platform xcb)
    list(APPEND T_LABELS gui)
  else()
    add_test(NAME ${name} COMMAND ${name})
    set(platform offscreen)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "${T_LABELS}"
    ENVIRONMENT "QT_QPA_PLATFORM=${platform};QTEST_FUNCTION_TIMEOUT=${function_timeout_ms}")
endfunction()

# medq_add_bench(NAME SOURCES ... LIBS ...): a benchmark executable in tests/bench.
# Benchmarks print their figures; they are not timed tests and CTest does not run them.
function(medq_add_bench name)
  cmake_parse_arguments(B "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${B_SOURCES})
  target_link_libraries(${name} PRIVATE ${B_LIBS})
  target_compile_definitions(${name} PRIVATE
    MEDQ_SAMPLE_PYDICOM="/usr/lib/python3/dist-packages/pydicom/data/test_files"
    MEDQ_SAMPLE_NIBABEL="/usr/lib/python3/dist-packages/nibabel/tests/data"
    MEDQ_SAMPLE_SKIMAGE="/usr/lib/python3/dist-packages/skimage/data")
endfunction()
