#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (AddressSanitizer + UBSan, coverage-instrumented
# core) in their own build folder, seeds a corpus from the real sample files Debian ships,
# runs each harness for a fixed time and copies every crashing input into
# tests/fuzz/regressions/<reader>/, where tst_fuzz_regressions replays it in every build.
#
#   tests/fuzz/run_fuzzers.sh [SECONDS_PER_FUZZER=60] [FUZZER...]
#   env: MEDQ_FUZZ_BUILD (default build-fuzz), MEDQ_FUZZ_JOBS (parallel build jobs, default 2)
# Exit code: 0 no crash, 1 a fuzzer found a crash (inputs copied), 2 build/setup error.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"
shift || true
build="${MEDQ_FUZZ_BUILD:-$root/build-fuzz}"
jobs="${MEDQ_FUZZ_JOBS:-2}"
pydicom=/usr/lib/python3/dist-packages/pydicom/data/test_files
nibabel=/usr/lib/python3/dist-packages/nibabel/tests/data
skimage=/usr/lib/python3/dist-packages/skimage/data
max_len=524288  # bytes; larger seeds are left out (mutating megabytes is slow and adds little)

all=(fuzz_dicom fuzz_dicom_header fuzz_nifti fuzz_raster)
[[ -f "$root/core/model/CheckpointManifest.cpp" ]] && all+=(fuzz_checkpoint_manifest)
fuzzers=("${@:-${all[@]}}")

command -v clang++ >/dev/null || { echo "run_fuzzers: clang++ is needed (apt-get install clang)" >&2; exit 2; }
if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMEDQ_BUILD_TESTS=ON -DMEDQ_BUILD_FUZZERS=ON -DMEDQ_SANITIZE="address;undefined" \
    -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" >"$build-configure.log" 2>&1 \
    || { echo "run_fuzzers: configure failed, see $build-configure.log" >&2; exit 2; }
  rm -f "$build-configure.log"
fi
nice -n 10 cmake --build "$build" -j "$jobs" --target "${fuzzers[@]}" || { echo "run_fuzzers: build failed" >&2; exit 2; }

# Seed corpora: copies, so the fuzzer can add what it finds without touching the samples.
seed() {  # seed READER FILE...
  local dir="$build/fuzz-corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do
    [[ -f "$f" && $(stat -c %s "$f") -le $max_len ]] && cp -n "$f" "$dir/seed-$(basename "$f")"
  done
}
shopt -s nullglob globstar
seed dicom "$pydicom"/*.dcm "$pydicom"/dicomdirtests/**/[0-9]*
seed dicom_header "$pydicom"/*.dcm "$pydicom"/dicomdirtests/**/[0-9]*
seed nifti "$nibabel"/*.nii "$nibabel"/*.nii.gz
seed raster "$skimage"/*.png "$skimage"/*.jpg "$skimage"/*.tif "$skimage"/*.tiff
seed checkpoint_manifest "$here"/seeds/checkpoint_manifest/*

scratch_root="${MEDQ_FUZZ_SCRATCH:-/dev/shm}"
[[ -d "$scratch_root" ]] || scratch_root="${TMPDIR:-/tmp}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
status=0
printf '%-26s %12s %10s %8s %8s\n' fuzzer executions exec/s seconds crashes
for fuzzer in "${fuzzers[@]}"; do
  reader="${fuzzer#fuzz_}"
  corpus="$build/fuzz-corpus/$reader"
  artifacts="$build/fuzz-artifacts/$reader/"
  mkdir -p "$corpus" "$artifacts" "$here/regressions/$reader"
  log="$build/fuzz-$reader.log"
  # The harness writes each input to a scratch file before reading it: when an input kills
  # the process too hard for libFuzzer to save it (a smashed stack), the last one is there.
  export MEDQ_FUZZ_SCRATCH="$(mktemp -d "$scratch_root/medq-fuzz.XXXXXX")"
  start=$(date +%s)
  # -rss_limit_mb: a lying header must not make a reader use gigabytes of memory. The single-
  # allocation limit is higher: DCMTK reserves (but never touches) a value buffer of the declared
  # length, up to 4 GiB, for elements of deflated files before it finds the data short.
  "$build/tests/fuzz/$fuzzer" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 \
    -rss_limit_mb=2560 -malloc_limit_mb=4200 -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  found=0
  if (( rc != 0 )) && ! ls "$artifacts" | grep -qE '^(crash|leak|oom|timeout)-'; then
    last=$(find "$MEDQ_FUZZ_SCRATCH" -type f -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
    [[ -n "$last" ]] && cp "$last" "${artifacts}crash-$(sha1sum "$last" | cut -c1-40)"
  fi
  rm -rf "$MEDQ_FUZZ_SCRATCH"
  for a in "$artifacts"crash-* "$artifacts"leak-* "$artifacts"oom-* "$artifacts"timeout-*; do
    cp -n "$a" "$here/regressions/$reader/" && found=$((found + 1))
  done
  rm -f "$artifacts"crash-* "$artifacts"leak-* "$artifacts"oom-* "$artifacts"timeout-*
  printf '%-26s %12s %10s %8s %8s\n' "$fuzzer" "${execs:-?}" "${speed:-?}" "$elapsed" "$found"
  if (( rc != 0 || found > 0 )); then
    status=1
    echo "  $fuzzer stopped (exit $rc); log: $log; inputs copied to tests/fuzz/regressions/$reader/" >&2
    grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error' "$log" | sed 's/^/  /' >&2
  fi
done
exit $status
