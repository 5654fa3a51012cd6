#pragma once
// The one entry point for reading any supported image file, with modality detection.
#include "common/Result.h"
#include "io/FileSniffer.h"
#include "io/Image.h"

#include <QStringList>
#include <optional>

namespace medq {

class ImageReader {
public:
    // Reads `path` whatever its format. Modality precedence: `override`, then the DICOM
    // Modality tag, then hints in the file and folder names, then an intensity heuristic
    // for NIfTI (values below -500 mean Hounsfield units, so CT; otherwise MRI).
    // `minSide` > 0: only that many pixels are needed on the longest side (the model's input),
    // which lets large photographs decode at a reduced size; other formats read in full.
    static Result<Image> read(const QString& path, std::optional<Modality> override = std::nullopt, int minSide = 0);
    // Reads a DICOM series (files of one SeriesInstanceUID) as one volume.
    static Result<Image> readDicomSeries(const QStringList& paths, std::optional<Modality> override = std::nullopt);
    // Modality suggested by words in the path ("retina", "ihc", "colonoscopy", "t1w"...).
    static std::optional<Modality> modalityFromPath(const QString& path);
};

}  // namespace medq
