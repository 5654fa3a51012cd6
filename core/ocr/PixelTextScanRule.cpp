#include "ocr/PixelTextScanRule.h"

#include <QSet>

namespace medq::ocr {
namespace {

// DICOM Modality (PS3.3 C.7.3.1.1.1) values whose pixels are photographs: external camera (XC),
// endoscopy (ES), ophthalmic photography (OP), general microscopy (GM), slide microscopy (SM),
// dermoscopy (DMS).
const QSet<QString> kPhotographModalities = {"XC", "ES", "OP", "GM", "SM", "DMS"};
// Secondary capture (SC) and other (OT): screenshots, scanned documents, exported views.
const QSet<QString> kCaptureModalities = {"SC", "OT", "DOC"};
// Ultrasound and intravascular ultrasound.
const QSet<QString> kUltrasoundModalities = {"US", "IVUS"};
// The Secondary Capture Image Storage SOP classes (PS3.4 B.5): 1.2.840.10008.5.1.4.1.1.7[.1-.4].
const QString kSecondaryCapturePrefix = QStringLiteral("1.2.840.10008.5.1.4.1.1.7");

}  // namespace

std::optional<ScanReason> PixelTextScanRule::reason(const PixelTextSubject& s) {
    const QString dicom = s.dicomModality.trimmed().toUpper();
    if (kUltrasoundModalities.contains(dicom)) return ScanReason::Ultrasound;
    if (kCaptureModalities.contains(dicom)) return ScanReason::SecondaryCapture;
    if (s.sopClassUid == kSecondaryCapturePrefix || s.sopClassUid.startsWith(kSecondaryCapturePrefix + QLatin1Char('.')))
        return ScanReason::SecondaryCapture;
    if (kPhotographModalities.contains(dicom)) return ScanReason::Photograph;
    if (dicom.isEmpty() && (s.modality == Modality::Endoscopy || s.modality == Modality::Fundus))
        return ScanReason::Photograph;
    if (dicom.isEmpty() && s.channels == 3 && s.modality == Modality::Other) return ScanReason::ColourWithoutModality;
    return std::nullopt;
}

PixelTextSubject PixelTextScanRule::subjectOf(const Image& image) {
    PixelTextSubject s;
    s.dicomModality = image.metadata.value(QStringLiteral("dicom_modality")).toString();
    s.sopClassUid = image.metadata.value(QStringLiteral("sop_class_uid")).toString();
    s.modality = image.modality;
    s.channels = image.channels;
    return s;
}

QString PixelTextScanRule::describe(ScanReason reason) {
    switch (reason) {
    case ScanReason::Ultrasound: return QStringLiteral("ultrasound");
    case ScanReason::SecondaryCapture: return QStringLiteral("secondary capture");
    case ScanReason::Photograph: return QStringLiteral("photograph");
    case ScanReason::ColourWithoutModality: return QStringLiteral("colour image without a modality");
    }
    return {};
}

}  // namespace medq::ocr
