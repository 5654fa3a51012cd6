#pragma once
// The burned-in text scan where images enter the workspace (imports, pool files materialised
// for annotation) and the pool (registration, DICOM only): images whose kind shows text in its pixels
// (ocr::PixelTextScanRule) are read by Tesseract (ocr::BurnedInTextDetector), the rest are
// not scanned. Without Tesseract's model nothing is scanned and one warning says so; an
// unscanned image has no finding (never "clean"). Words read are never logged: they may be
// the patient's name. One per thread: the detector is created at first need.
#include "common/Vocabulary.h"
#include "io/Image.h"

#include <QString>
#include <memory>
#include <optional>

namespace medq::ocr {
class BurnedInTextDetector;
}

namespace medq::ingest {

class PixelTextCheck {
public:
    PixelTextCheck();
    ~PixelTextCheck();
    PixelTextCheck(PixelTextCheck&&) noexcept;
    PixelTextCheck& operator=(PixelTextCheck&&) noexcept;

    // The finding for `image`, or none when its kind is not scanned or Tesseract is missing.
    // `where` names the image in the log line of a flagged image.
    std::optional<PixelTextScan> check(const Image& image, const QString& where = {});

    // For a pool file at registration: reads its pixels only when its DICOM header names a kind
    // that shows text (US, SC, OT, XC, ES, OP, ...); none otherwise or when unreadable (the loop
    // finds it unreadable at first use). Photographs known only by their modality (JPEG, PNG)
    // are scanned when they become images (ImageStore), not here: reading every photograph of
    // an archive would take registration from thousands of files a second to a few (1,200
    // fundus photographs: about 1 s without, 180 s with, on 2 cores).
    std::optional<PixelTextScan> checkFile(const QString& path, const QString& dicomModality, Modality modality);

    int scanned() const { return m_scanned; }
    int flagged() const { return m_flagged; }
    // Why nothing can be scanned ("<file>: <reason>"), empty while scanning works.
    const QString& unavailable() const { return m_unavailable; }

private:
    std::unique_ptr<ocr::BurnedInTextDetector> m_detector;
    bool m_tried = false;
    QString m_unavailable;
    int m_scanned = 0, m_flagged = 0;
};

}  // namespace medq::ingest
