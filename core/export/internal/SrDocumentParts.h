#pragma once
// Internal to core/export: the parts the SR and the Key Object Selection writers share
// (codes as DCMTK values, patient and study from the store, evidence, the atomic save).
// Includes DCMTK: only core/export .cpp files include it.
#include "common/Result.h"
#include "export/QualitySrCollector.h"

#include <dcmtk/dcmsr/dsrdoc.h>

namespace medq::exports::internal {

DSRCodedEntryValue coded(const SrCode& code);
// Patient, study, a new series in the study and the equipment; PHI only as the store keeps it.
Status prepareDocument(DSRDocument& doc, const SrStudy& study, const QString& seriesDescription,
                       const QString& path);
// Appends a child of `parentId` and leaves the cursor on it; its id, or 0 when the IOD's
// relationship constraints refuse it.
std::size_t addChild(DSRDocumentTree& tree, std::size_t parentId, DSRTypes::E_RelationshipType relation,
                     DSRTypes::E_ValueType type, const SrCode* concept);
// Appends the reference to the source object below `parentId`: an IMAGE for the SOP classes
// DCMTK knows as images, else a COMPOSITE (e.g. RT Dose, which DCMTK does not let an IMAGE hold).
// 0 when refused.
std::size_t addReference(DSRDocumentTree& tree, std::size_t parentId, const SrInstance& instance);
// Lists every instance of `images` in the Current Requested Procedure Evidence Sequence.
Status addEvidence(DSRDocument& doc, const SrStudy& study, const std::vector<const SrImageEntry*>& images,
                   const QString& path);
// Writes the document to `path` (through a staging name, renamed when complete) and returns
// its SOP Instance UID. De-identified studies get PatientIdentityRemoved YES and the method.
Result<QString> saveDocument(DSRDocument& doc, const SrStudy& study, const QString& path);

}  // namespace medq::exports::internal
