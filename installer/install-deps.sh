#!/usr/bin/env bash
# Installs everything MedQ-Engine Workstation needs on Debian 12 (bookworm).
# Idempotent: when every package is present it prints nothing and exits 0.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # Qt6: Widgets, OpenGLWidgets, Charts, Concurrent, Test, LinguistTools
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-image-formats-plugins
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libgl-dev libglx-dev
  # imaging, model and search stack
  libvtk9-dev libdcmtk-dev libnifti2-dev libtorch-dev libfaiss-dev
  libopenjp2-7-dev pkg-config  # JPEG 2000 DICOM (Debian's DCMTK has no codec for it)
  libsqlite3-dev libspdlog-dev libfmt-dev libsentencepiece-dev zlib1g-dev
  # fast BLAS: without it libtorch/faiss fall back to the 50x slower reference BLAS
  libopenblas0-openmp
  # DICOM network tools (echoscu, storescu) and a real PACS (Orthanc, started by the tests on
  # loopback ports, never as the system service) that the tests talk to medq pacs with
  dcmtk orthanc
  # burned-in text in pixels (core/ocr): Tesseract and its English model, read from disk
  libtesseract-dev tesseract-ocr-eng
  # Gloo's headers for torch's c10d (core/dist): libtorch links libgloo0 but ships no gloo/*.h
  libgloo-dev
  # headless GUI tests and screenshots
  xvfb xauth imagemagick
  # a site's own TorchScript model (docs/own-model.md): the tests export one with the same torch 1.13
  python3-torch
  # real sample images (DICOM, NIfTI, photographs) used by tests and the demo
  python3-pydicom python3-nibabel python3-skimage python3-imageio
  # installer/fetch-real-sources.sh: more real images at pinned versions (Debian and npm)
  curl openssl
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installer: installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Orthanc's package starts a system PACS on 4242/8042 where systemd runs; the tests start
# their own on loopback ports, so the service is stopped and left disabled.
if [[ " ${missing[*]} " == *" orthanc "* ]] && command -v systemctl >/dev/null && systemctl is-enabled orthanc >/dev/null 2>&1; then
  $SUDO systemctl disable --now orthanc >/dev/null 2>&1 || true
fi
echo "installer: done"
