#pragma once
// Which images are scanned for burned-in text: those whose kind makes text in the pixels
// likely. Ultrasound writes patient and device overlays into the image, secondary captures
// are screenshots, photographs (endoscopy, fundus, visible light) carry captions and stamps.
// CT, MR and the other cross-sectional scans are not scanned: their overlays live in the
// viewer, not in the pixels, and scanning a volume per import would cost more than it finds.
#include "io/Image.h"

#include <QString>
#include <optional>

namespace medq::ocr {

// Why an image is scanned.
enum class ScanReason { Ultrasound, SecondaryCapture, Photograph, ColourWithoutModality };

// What the rule looks at, taken from an image's header and pixels.
struct PixelTextSubject {
    QString dicomModality;   // DICOM (0008,0060), "" for non-DICOM files
    QString sopClassUid;     // DICOM (0008,0016), ""
    Modality modality = Modality::Other;  // the project's modality
    int channels = 1;
};

class PixelTextScanRule {
public:
    // The reason to scan, or none: the image is not of a kind that shows text in its pixels.
    static std::optional<ScanReason> reason(const PixelTextSubject& subject);
    // The subject of an image read by core/io (metadata "dicom_modality", "sop_class_uid").
    static PixelTextSubject subjectOf(const Image& image);
    static QString describe(ScanReason reason);
};

}  // namespace medq::ocr
