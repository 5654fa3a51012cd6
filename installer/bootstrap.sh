#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install dependencies, build, then
#   demo  - build the demo workspace and start the product on it (default)
#   test  - run every test (what CI runs)
#   build - only build
#   sanitize - the fast core tests under AddressSanitizer + UBSan in build-asan
#              (docs/sanitizers.md; what CI runs after test)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:-demo}"
shift || true

bash installer/install-deps.sh
# The real images of the benchmark bases, at pinned package versions (no root needed).
bash installer/fetch-real-sources.sh

jobs="$(nproc 2>/dev/null || echo 2)"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/medq-ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-2G}"
# Relative paths in the cache key, so a fresh clone elsewhere reuses earlier compilations.
export CCACHE_BASEDIR="$here"
export CCACHE_NOHASHDIR=1
if [ "$mode" = sanitize ]; then
  # Own build folder and preset; does not need the default build.
  JOBS="$jobs" exec bash tests/sanitizers/run.sh asan ci "$@"
fi
cmake --preset default -DMEDQ_BUILD_TESTS=ON >/dev/null
cmake --build --preset default -j "$jobs"

case "$mode" in
  build) ;;
  test)
    # GUI tests start their own Xvfb (xvfb-run -a); non-GUI tests use the offscreen platform.
    ctest --preset default -j "$jobs" "$@"
    ;;
  demo)
    workspace="${1:-$HOME/medq-demo}"
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      # The workstation builds the demo workspace as a job (progress at the bottom), then opens it.
      exec ./build/app/medq-workstation --demo "$workspace"
    fi
    echo "bootstrap: no display; building the demo workspace with the command line instead" >&2
    ./build/app/medq demo "$workspace"
    ;;
  *)
    echo "usage: installer/bootstrap.sh [demo [WORKSPACE]|test [ctest args]|build|sanitize [ctest args]]" >&2
    exit 1
    ;;
esac
