#!/usr/bin/env bash
# Refreshes every screenshot the user guide and README show, under Xvfb:
#   docs/images/workstation-*.jpg  (the annotation workstation on each modality)
#   docs/images/lab-*.png          (the lab lead's views on a workspace with two rounds)
# Usage: docs/make-screenshots.sh [BUILD_DIR] [WORKSPACE-for-the-lab-views]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
workspace="${2:-}"
cmake --build "$build" -j2 --target workstation_screenshots lab_screenshots >/dev/null
run() { xvfb-run -a -s "-screen 0 1600x1000x24" "$@"; }
run "$build/tests/gui/shell/workstation_screenshots" "$here/docs/images"
if [ -n "$workspace" ]; then
  run "$build/tests/gui/lab/lab_screenshots" "$workspace" "$here/docs/images"
else
  run "$build/tests/gui/lab/lab_screenshots" "" "$here/docs/images"
fi
echo "screenshots written to $here/docs/images"
