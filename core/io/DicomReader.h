#pragma once
// DICOM reading through DCMTK: single files (also multi-frame), series folders sorted by
// slice position, and the compressed transfer syntaxes DCMTK decodes (JPEG, JPEG-LS, RLE).
#include "common/Result.h"
#include "io/Image.h"

#include <QString>
#include <QStringList>
#include <array>
#include <optional>
#include <vector>

namespace medq {

// A DICOM attribute the reader copies verbatim into Image::metadata under `key`.
struct DicomMetadataField {
    const char* key;      // metadata key, e.g. "patient_name"
    unsigned short group;
    unsigned short element;
    const char* keyword;  // DICOM keyword, e.g. "PatientName"
};

// The header fields needed to group files into series and order their slices.
struct DicomHeader {
    QString path;
    QString seriesUid;
    QString sopInstanceUid;
    QString sopClassUid;
    QString studyUid;
    QString modality;  // the DICOM Modality tag, e.g. "CT"
    int rows = 0;
    int columns = 0;
    int frames = 1;
    int instanceNumber = 0;
    std::optional<std::array<double, 3>> position;     // ImagePositionPatient
    std::optional<std::array<double, 6>> orientation;  // ImageOrientationPatient
};

class DicomReader {
public:
    // Reads only the header (stops before the pixel data): cheap, for grouping.
    static Result<DicomHeader> readHeader(const QString& path);
    // Reads one file; multi-frame files become a volume with one frame per slice.
    static Result<Image> readFile(const QString& path);
    // Reads single-frame files of one series into a volume sorted along the slice normal.
    static Result<Image> readSeries(const QStringList& paths);
    // Maps a DICOM Modality tag (CT, MR, ES, SM, OP, XC...) to our modality.
    static Modality modalityFromTag(const QString& tag);
    // Every attribute copied into metadata, identifiers included: the reader reports what the
    // file says and core/privacy decides what a workspace may store (docs/privacy.md).
    static const std::vector<DicomMetadataField>& metadataFields();
};

}  // namespace medq
