#pragma once
// One study's quality assessments as a DICOM Comprehensive SR (DCMTK dcmsr) with MedQ's
// site-defined template MEDQ_QA_1 (docs/pacs.md): a root CONTAINER "Quality Assessment",
// and per image a CONTAINER holding the IMAGE reference (SOP Class and Instance UID as the
// workspace stores them), the overall quality as a CODE, each attribute found as a CODE
// with its severity, the description as TEXT and the observer type.
#include "common/Result.h"
#include "export/QualitySrCollector.h"

namespace medq::exports {

// Writes the quality-assessment SR of one study.
class QualitySrWriter {
public:
    // Writes `study` to `path`; returns the new document's SOP Instance UID. The error names
    // the file and the reason (an empty study, a UID DCMTK refuses, a write that failed).
    static Result<QString> write(const SrStudy& study, const QString& path);
};

}  // namespace medq::exports
