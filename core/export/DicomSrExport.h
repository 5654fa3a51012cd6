#pragma once
// `medq export --dicom-sr DIR`: per study with an accepted quality assessment of a DICOM
// image, a Comprehensive SR (QualitySrWriter) and, when an image of it is judged reject, a
// Key Object Selection titled "Quality Issue" (KeyObjectWriter). Files are named by the
// study's position in UID order: study-<n>-quality-sr.dcm, study-<n>-quality-issue-kos.dcm.
// References use the UIDs the workspace stores: remapped ones for de-identified imports
// (the original UIDs are not kept and cannot be recovered, docs/privacy.md).
#include "common/Result.h"
#include "export/QualitySrCollector.h"

namespace medq::exports {

struct DicomSrFile {
    QString path;
    bool keyObjectSelection = false;  // else the quality-assessment SR
    QString studyUid;
    QString sopInstanceUid;  // of the written document
    int images = 0;          // referenced images
};

struct DicomSrExportReport {
    std::vector<DicomSrFile> files;
    SrCollectSummary summary;
};

// Writes the quality SRs and Key Object Selections of a workspace into a folder.
class DicomSrExport {
public:
    static Result<DicomSrExportReport> run(store::Workspace& ws, const QString& dir);
    static QString srFileName(int study);   // "study-<n>-quality-sr.dcm", n from 1
    static QString kosFileName(int study);  // "study-<n>-quality-issue-kos.dcm"
};

}  // namespace medq::exports
