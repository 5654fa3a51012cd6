#!/usr/bin/env bash
# Fetches the Debian packages whose real images are the benchmark's and the recipe pool's
# clean bases (core/dataset/RealBaseCatalogue, docs/bases.md), at the versions pinned below.
# A package already installed with apt at its pinned version is used where it is; any other is
# downloaded (apt-get download, no root) and unpacked (dpkg -x, nothing installed) into
#   ${MEDQ_REAL_SOURCES:-$HOME/.local/share/medq/real-sources}/<package>/
# which is where the workstation looks first. Idempotent and silent when everything is present.
# npm packages go to <root>/npm/<name>/ from registry.npmjs.org, checked against their pinned
# integrity. A version the archive no longer has is reported and skipped: its bases are then not used,
# and the splits of the others do not change (they are decided over the whole catalogue).
set -euo pipefail

root="${MEDQ_REAL_SOURCES:-$HOME/.local/share/medq/real-sources}"

PINNED=(
  python3-pydicom=2.3.1-1
  python3-nibabel=5.0.0-2
  python3-skimage=0.19.3-8
  python3-imageio=2.4.1-5
  python3-dipy=1.6.0-1
  heudiconv=0.11.6-1
  dicomnifti=2.33.1-5
  insighttoolkit5-examples=5.2.1-5+deb12u1
)

# npm packages (test corpora of DICOM viewers): fetched from the registry as tarballs,
# checked against the integrity npm publishes, unpacked into $root/npm/<name>/.
NPM_PINNED=(
  "dwv@0.22.1 sha512-VdQ3p8UJudxIbt/jmATVagz8WXbK0y1h3ca3kDB+7ogpnSikXXcxqhAJwZqD0dT2b10uKK3tWgmb+4jOJAOfMQ=="
  "dicom-parser@1.0.1 sha512-yscg129DEKCCqdhieNX4KF6CP78hUCEGvi03n+8hiC+CJnps6DHYO5NV+SYpeWZGAll8qd9quxytRNm8oOcolQ=="
  "@itk-wasm/dam@1.1.1 sha512-7+9L3lrLMKF4y6B6qjs8GqfbpxT0waOJUM14NdMNEA6M+BoBS8fdHREhQHo2s7QMA5O7I+Jv7m+dyqlisGnbdQ=="
  "ami.js@0.33.0 sha512-IRdFPAvFP2W0JCtSaANYBuMggMUOEx1Y+IO9Ll8cVfCpgRG7AvLCcuEKT6jJAchXQ6Cmrjg4eKs7JoGVVghMWQ=="
  "cornerstone-wado-image-loader@1.0.5 sha512-sjy8aVz/5iLdbiLpAQ5hXZukg7zJ5A23bn8HeDz5q++sBtB+NYakZU5mRuaLuhRgFgVGVvG613mVBtgY/bcYrQ=="
  "dicomweb-client@0.11.3 sha512-7t1Rc/01fyFnKlQeNPW9Pvxvmsx8R/BgB2n7BxTuWirRFwlTC5upEeLeS3vO72P+n6/SQZ3+5ij0bgaWDHQG/A=="
)

# Kept for an independent check of the model: never fetched, read or used by this project.
RESERVED=" dicom3tools mricron-data daikon ij-test "

for entry in "${PINNED[@]}"; do
  pkg="${entry%%=*}"
  version="${entry#*=}"
  case "$RESERVED" in *" $pkg "*) echo "fetch-real-sources: $pkg is reserved and is never fetched" >&2; exit 1 ;; esac
  [ "$(cat "$root/$pkg/.version" 2>/dev/null || true)" = "$version" ] && continue
  if [ "$(dpkg-query -W -f='${Status} ${Version}' "$pkg" 2>/dev/null || true)" = "install ok installed $version" ]; then
    continue
  fi
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && apt-get download -qq "$pkg=$version" >/dev/null 2>&1); then
    echo "fetch-real-sources: cannot download $pkg=$version (run apt-get update; the archive may have a newer point release): its bases are skipped" >&2
    rm -rf "$tmp"
    continue
  fi
  mkdir -p "$root"
  rm -rf "$root/$pkg.partial"
  dpkg -x "$tmp"/*.deb "$root/$pkg.partial"
  echo "$version" > "$root/$pkg.partial/.version"
  rm -rf "$root/$pkg" "$tmp"
  mv "$root/$pkg.partial" "$root/$pkg"
  echo "fetch-real-sources: $pkg $version -> $root/$pkg"
done

for entry in "${NPM_PINNED[@]}"; do
  spec="${entry%% *}"
  integrity="${entry#* }"
  name="${spec%@*}"
  version="${spec##*@}"
  case "$RESERVED" in *" $name "*) echo "fetch-real-sources: $name is reserved and is never fetched" >&2; exit 1 ;; esac
  dir="$root/npm/$name"
  [ "$(cat "$dir/.version" 2>/dev/null || true)" = "$version" ] && continue
  tmp="$(mktemp -d)"
  if ! curl -fsSL --retry 2 -o "$tmp/package.tgz" "https://registry.npmjs.org/$name/-/${name##*/}-$version.tgz"; then
    echo "fetch-real-sources: cannot download npm $spec: its bases are skipped" >&2
    rm -rf "$tmp"
    continue
  fi
  actual="sha512-$(openssl dgst -sha512 -binary "$tmp/package.tgz" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "fetch-real-sources: npm $spec does not match its pinned integrity ($actual): not used" >&2
    rm -rf "$tmp"
    continue
  fi
  mkdir -p "$(dirname "$dir")"
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  tar xzf "$tmp/package.tgz" -C "$dir.partial" --strip-components=1 --no-same-owner
  echo "$version" > "$dir.partial/.version"
  rm -rf "$dir" "$tmp"
  mv "$dir.partial" "$dir"
  echo "fetch-real-sources: npm $spec -> $dir"
done
