#!/usr/bin/env bash
# Builds the Debian package and checks it.
#   installer/check-package.sh [--no-install] [BUILD_DIR]      (BUILD_DIR defaults to build/)
# 1. builds medq and medq-workstation, then `cpack -G DEB` in BUILD_DIR;
# 2. checks the package (dpkg-deb -c / -I): binaries, SentencePiece module, desktop entry,
#    icons, annotator.json, the embedded translations, the Depends line;
# 3. as root and without --no-install: `apt-get install -y ./<package>.deb` into this system,
#    then runs `medq --version` and `medq-workstation --version` (under Xvfb). The package
#    stays installed; remove it with `apt-get remove -y medq-workstation`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
install=1
if [ "${1:-}" = "--no-install" ]; then install=0; shift; fi
build="$(cd "${1:-$here/build}" && pwd)"
fail() { echo "check-package: FAIL: $*" >&2; exit 1; }

echo "check-package: building medq and medq-workstation in $build"
nice -n 10 cmake --build "$build" -j2 --target medq medq-workstation medq_sentencepiece >/dev/null
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
[ -n "$version" ] || fail "no project version in $build/CMakeCache.txt"
deb="$build/medq-workstation_${version}_amd64.deb"
rm -f "$deb"
echo "check-package: cpack -G DEB"
(cd "$build" && nice -n 10 cpack -G DEB >/dev/null) || fail "cpack failed (see $build/_CPack_Packages/Linux/DEB/*.log)"
[ -f "$deb" ] || fail "cpack did not write $deb"

contents="$(dpkg-deb -c "$deb")"
for f in usr/bin/medq usr/bin/medq-workstation usr/lib/medq/libmedq_sentencepiece.so \
         usr/share/applications/medq-workstation.desktop \
         usr/share/icons/hicolor/scalable/apps/medq-workstation.svg \
         usr/share/icons/hicolor/256x256/apps/medq-workstation.png \
         usr/share/medq/annotator.json; do
  grep -q " \./$f\$" <<<"$contents" || fail "$f is not in the package"
done
if grep -q " \./usr/local/" <<<"$contents"; then fail "files under /usr/local in a Debian package"; fi

info="$(dpkg-deb -I "$deb")"
grep -q '^ Package: medq-workstation$' <<<"$info" || fail "wrong package name"
grep -q "^ Version: $version\$" <<<"$info" || fail "version is not $version"
depends="$(sed -n 's/^ Depends: //p' <<<"$info")"
for p in libc6 libqt6widgets6 libqt6openglwidgets6 libvtk9.1 libdcmtk17 libopenjp2-7 libsqlite3-0 qt6-image-formats-plugins \
         libtesseract5 tesseract-ocr-eng; do
  grep -Eq "(^|, )$p( |,|$)" <<<"$depends" || fail "Depends lacks $p: $depends"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work"
desktop="$work/usr/share/applications/medq-workstation.desktop"
grep -q '^Exec=medq-workstation' "$desktop" || fail "desktop entry does not start medq-workstation"
grep -q '^Icon=medq-workstation$' "$desktop" || fail "desktop entry does not name the icon"
if readelf -S "$work/usr/bin/medq-workstation" | grep -q '\.debug_info'; then fail "medq-workstation is not stripped"; fi
# The .qm catalogues are Qt resources inside the binary; rcc stores names in UTF-16BE.
python3 - "$work/usr/bin/medq-workstation" <<'PY' || fail "translations are not embedded in medq-workstation"
import sys
data = open(sys.argv[1], "rb").read()
missing = [n for n in ("medq_de.qm", "medq_zh_CN.qm") if n.encode("utf-16-be") not in data]
sys.exit(1 if missing else 0)
PY
size="$(du -k "$deb" | cut -f1)"
echo "check-package: contents OK: $deb (${size} KiB)"
echo "check-package: Depends: $depends"

if [ "$install" -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "check-package: not root: skipping the installation test"
  exit 0
fi
echo "check-package: apt-get install -y $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null || fail "apt-get install failed"
out="$(/usr/bin/medq --version)" || fail "medq --version failed"
grep -q "$version" <<<"$out" || fail "medq --version printed: $out"
out="$(xvfb-run -a /usr/bin/medq-workstation --version 2>&1)" || fail "medq-workstation --version failed: $out"
grep -q "$version" <<<"$out" || fail "medq-workstation --version printed: $out"
echo "check-package: installed; medq and medq-workstation report version $version"
