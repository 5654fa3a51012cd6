#pragma once
// What the DICOM quality export holds, study by study: every image with an accepted
// annotation (AcceptedAnnotationRule) that is a DICOM instance, with the UIDs the workspace
// stores for it (remapped by de-identification unless imported with --keep-identifiers; the
// originals are not kept, docs/privacy.md), its quality level, the attributes found with
// their severities, the description and who judged it. Images without a SOP Instance UID
// (PNG, NIfTI, synthetic renders) cannot be referenced and are counted instead.
#include "export/QualitySrCodes.h"
#include "store/Records.h"

#include <QStringList>
#include <optional>
#include <vector>

namespace medq::store {
class Workspace;
}

namespace medq::exports {

struct SrAttributeFinding {
    QString key;
    Severity severity = Severity::Mild;
};

// One DICOM instance a document references.
struct SrInstance {
    QString sopClassUid, sopInstanceUid, seriesUid;
};

struct SrImageEntry {
    store::Id imageId = 0;
    store::Id annotationId = 0;
    Modality modality = Modality::Other;
    // The instance whose UIDs the workspace stores first; for a series imported as one volume,
    // the other slices after it (read from its files and remapped with the workspace's key,
    // as the import remaps; only the stored one when a file cannot be read).
    std::vector<SrInstance> instances;
    QualityLevel level = QualityLevel::Good;
    std::vector<SrAttributeFinding> attributes;  // present ones only, taxonomy order
    QString description;                         // the annotation's text (the model's when accepted unchanged)
    SrObserver observer = SrObserver::Person;
};

// One study's images and the patient and study attributes as the workspace stores them.
struct SrStudy {
    QString studyUid;
    QString studyDate;                 // as stored (shifted when de-identified)
    QString patientName, patientId;    // empty unless every image kept its identifiers
    bool deidentified = true;          // some image of the study was de-identified on import
    std::vector<SrImageEntry> images;  // by image id
};

struct SrCollectSummary {
    int images = 0;                // referenced in the documents
    int skippedNotDicom = 0;       // accepted, but no SOP Instance UID stored (not a DICOM image)
    int skippedNoStudy = 0;        // DICOM, but no Study or Series Instance UID stored
    int skippedNoSopClass = 0;     // no SOP Class UID stored and the source file cannot tell
    int sopClassFromFile = 0;      // imported before the SOP Class UID was stored: read from the file
    int seriesSlices = 0;          // further slices of series volumes referenced
    int seriesUnreadable = 0;      // series volumes whose files could not all be read: one instance
    int awaitingGate = 0;          // tasks a round queued whose annotation the gate has not accepted
    int noQualityLevel = 0;        // images whose accepted annotations give no quality level
    int skippedPhiRisk = 0;        // burned-in text found in the pixels (PixelTextScan::PhiRisk)
};

// Collects the studies of a DICOM quality export from the workspace.
class QualitySrCollector {
public:
    static std::vector<SrStudy> collect(store::Workspace& ws, SrCollectSummary* summary = nullptr);
    // The SOP Class UID of a DICOM file's header, or empty when it cannot be read.
    static QString sopClassOfFile(const QString& path);
    // The UIDs of a DICOM file's header (series in seriesUid; study in `studyUid`); nullopt
    // when the file cannot be read or lacks one.
    static std::optional<SrInstance> instanceOfFile(const QString& path, QString* studyUid = nullptr);
};

}  // namespace medq::exports
