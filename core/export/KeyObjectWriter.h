#pragma once
// One study's images judged reject (QualityIssueRule) as a DICOM Key Object Selection titled
// (113010, DCM, "Quality Issue") with a (113012, DCM, "Key Object Description") text: a flag
// a PACS shows beside the images. Never titled 113001 "Rejected for Quality Reasons", the IHE
// IOCM rejection note on which archives hide the instances (docs/pacs.md).
#include "common/Result.h"
#include "export/QualitySrCollector.h"

namespace medq::exports {

// Writes the quality-issue Key Object Selection of one study.
class KeyObjectWriter {
public:
    // The images of `study` that QualityIssueRule flags.
    static std::vector<const SrImageEntry*> flagged(const SrStudy& study);
    // The description text for `count` flagged images.
    static QString description(int count);
    // Writes the selection of flagged images to `path`; its SOP Instance UID, or an error
    // naming the file (also when the study has no flagged image).
    static Result<QString> write(const SrStudy& study, const QString& path);
};

}  // namespace medq::exports
