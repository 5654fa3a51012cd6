#!/usr/bin/env bash
# Builds a sanitizer preset and runs a set of tests under it (docs/sanitizers.md).
#   tests/sanitizers/run.sh asan [ci|all] [ctest args]   AddressSanitizer + UBSan
#   tests/sanitizers/run.sh tsan [threads|all] [ctest args]   ThreadSanitizer
# ci: the fast core tests CI runs (no libtorch, no GUI: builds in minutes on 2 cores).
# threads: the tests whose code runs on more than one thread.
# all: every test (a full build of the preset, libtorch and GUI included).
# Respects JOBS (default: nproc) and NICE (e.g. NICE="nice -n 19").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
preset="${1:?usage: tests/sanitizers/run.sh asan|tsan [ci|threads|all] [ctest args]}"
shift
set_name="${1:-}"
case "$set_name" in ci|threads|all) shift ;; *) set_name="" ;; esac
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
nice_cmd=(${NICE:-})

# Test names (CTest names = target names).
ci_tests="tst_dicom_reader tst_nifti_reader tst_raster_reader tst_numpy_reader tst_broken_files tst_hostile_headers
  tst_fuzz_regressions tst_taxonomy tst_synth_random_fft tst_synth_mri tst_synth_ct tst_synth_photo
  tst_synth_degrader tst_synth_items tst_synth_annotator tst_workspace tst_audit_chain
  tst_permissions tst_job_engine tst_recorded_job tst_annotation_session tst_import_job
  tst_deidentifier tst_deidentified_import tst_exports tst_index"
thread_tests="tst_job_engine tst_recorded_job tst_workspace tst_audit_chain tst_permissions
  tst_annotation_session tst_import_job tst_index tst_loop_parts tst_main_window tst_autosave_kill"

case "$preset" in
  asan) set_name="${set_name:-ci}" ;;
  tsan) set_name="${set_name:-threads}" ;;
  *) echo "run.sh: preset must be asan or tsan" >&2; exit 2 ;;
esac
case "$set_name" in
  ci) tests="$ci_tests" ;;
  threads) tests="$thread_tests" ;;
  all) tests="" ;;
esac

start=$(date +%s)
"${nice_cmd[@]}" cmake --preset "$preset" >/dev/null
if [ -n "$tests" ]; then
  # shellcheck disable=SC2086
  "${nice_cmd[@]}" cmake --build --preset "$preset" -j "$jobs" --target $tests
  regex="^($(echo $tests | tr ' ' '|'))\$"
else
  "${nice_cmd[@]}" cmake --build --preset "$preset" -j "$jobs"
  regex="."
fi
built=$(date +%s)
echo "sanitize: $preset build took $(( built - start )) s"

# shellcheck source=tests/sanitizers/env.sh
. tests/sanitizers/env.sh
status=0
"${nice_cmd[@]}" ctest --preset "$preset" -j "$jobs" -R "$regex" "$@" || status=$?
echo "sanitize: $preset tests ($set_name) took $(( $(date +%s) - built )) s"
exit "$status"
