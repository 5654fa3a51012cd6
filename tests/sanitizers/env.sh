# Sanitizer runtime options for the asan and tsan builds; source it before ctest:
#   . tests/sanitizers/env.sh && ctest --preset asan
# Every finding stops the process with a non-zero exit, so CTest reports the test failed.
_medq_san_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# AddressSanitizer: leaks are checked at exit (LeakSanitizer); third-party leaks are
# suppressed one by one in lsan.supp. fast_unwind_on_malloc=0 gives full allocation stacks
# through faiss/OpenBLAS (built without frame pointers) so those suppressions can match.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:fast_unwind_on_malloc=0:malloc_context_size=20"
export LSAN_OPTIONS="suppressions=${_medq_san_dir}/lsan.supp:print_suppressions=0"
# UndefinedBehaviorSanitizer: GCC builds its checks recoverable; halt_on_error makes the
# first report fatal instead of a line in the log.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"
# ThreadSanitizer: Qt, OpenMP, OpenBLAS and libtorch are not instrumented, so TSan cannot
# see their locks and joins. ignore_noninstrumented_modules=1 stops their calls to
# malloc/free/memcpy (e.g. Qt's QImage scaling threads) from being reported; tsan.supp
# names the remaining third-party cases. Our own accesses are always checked.
export TSAN_OPTIONS="halt_on_error=1:ignore_noninstrumented_modules=1:second_deadlock_stack=1:history_size=4:suppressions=${_medq_san_dir}/tsan.supp"
unset _medq_san_dir
