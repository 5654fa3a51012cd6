#include "ingest/PixelTextCheck.h"

#include "common/Log.h"
#include "ocr/BurnedInTextDetector.h"
#include "io/ImageReader.h"
#include "ocr/PixelTextScanRule.h"

#include <QFileInfo>

namespace medq::ingest {

PixelTextCheck::PixelTextCheck() = default;
PixelTextCheck::~PixelTextCheck() = default;
PixelTextCheck::PixelTextCheck(PixelTextCheck&&) noexcept = default;
PixelTextCheck& PixelTextCheck::operator=(PixelTextCheck&&) noexcept = default;

std::optional<PixelTextScan> PixelTextCheck::check(const Image& image, const QString& where) {
    const auto reason = ocr::PixelTextScanRule::reason(ocr::PixelTextScanRule::subjectOf(image));
    if (!reason) return std::nullopt;
    if (!m_tried) {
        m_tried = true;
        auto created = ocr::BurnedInTextDetector::create();
        if (created) {
            m_detector = std::move(created.value());
        } else {
            m_unavailable = created.error().message();
            spdlog::warn("burned-in text: not scanned, {}", m_unavailable.toStdString());
        }
    }
    if (!m_detector) return std::nullopt;
    const ocr::PixelTextFinding finding = m_detector->scan(image);
    ++m_scanned;
    if (!finding.phiRisk) return PixelTextScan::NoneFound;
    ++m_flagged;
    spdlog::info("burned-in text: {} ({}) flagged as a PHI risk, {:.0f} ms", where.toStdString(),
                 ocr::PixelTextScanRule::describe(*reason).toStdString(), finding.milliseconds);
    return PixelTextScan::PhiRisk;
}

std::optional<PixelTextScan> PixelTextCheck::checkFile(const QString& path, const QString& dicomModality,
                                                      Modality modality) {
    if (dicomModality.isEmpty() || !ocr::PixelTextScanRule::reason({dicomModality, {}, Modality::Other, 1}))
        return std::nullopt;
    const auto image = ImageReader::read(path, modality);
    if (!image) return std::nullopt;
    return check(image.value(), QFileInfo(path).fileName());
}

}  // namespace medq::ingest
