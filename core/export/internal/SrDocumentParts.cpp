#include "export/internal/SrDocumentParts.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QFile>

namespace medq::exports::internal {
namespace {

OFString of(const QString& s) { return OFString(s.toUtf8().constData()); }

bool ascii(const QString& s) {
    for (QChar c : s) {
        if (c.unicode() > 0x7e) return false;
    }
    return true;
}

// Whether any text of the study's document needs more than ASCII (the default repertoire).
bool needsUtf8(const SrStudy& study) {
    if (!ascii(study.patientName) || !ascii(study.patientId)) return true;
    for (const SrImageEntry& e : study.images) {
        if (!ascii(e.description)) return true;
        for (const SrAttributeFinding& f : e.attributes) {
            if (!ascii(QualitySrCodes::attribute(e.modality, f.key).meaning)) return true;
        }
    }
    return false;
}

Error failed(const QString& path, const QString& what, const OFCondition& cond) {
    return Error{path, QStringLiteral("%1: %2").arg(what, QString::fromLatin1(cond.text()))};
}

}  // namespace

DSRCodedEntryValue coded(const SrCode& code) {
    return DSRCodedEntryValue(of(code.value), of(code.scheme), of(code.meaning));
}

Status prepareDocument(DSRDocument& doc, const SrStudy& study, const QString& seriesDescription,
                       const QString& path) {
    // Descriptions are free text typed in any language: UTF-8 when they need it, else the
    // default repertoire, which every reader (and DCMTK's own VR checker) handles.
    if (needsUtf8(study)) {
        if (auto c = doc.setSpecificCharacterSet("ISO_IR 192"); c.bad()) return failed(path, "character set", c);
    }
    if (auto c = doc.createNewSeriesInStudy(of(study.studyUid)); c.bad())
        return failed(path, QStringLiteral("study UID %1").arg(study.studyUid), c);
    if (auto c = doc.setPatientName(of(study.patientName)); c.bad()) return failed(path, "patient name", c);
    if (auto c = doc.setPatientID(of(study.patientId)); c.bad()) return failed(path, "patient ID", c);
    if (!study.studyDate.isEmpty()) {
        if (auto c = doc.setStudyDate(of(study.studyDate)); c.bad()) return failed(path, "study date", c);
    }
    if (auto c = doc.setSeriesDescription(of(seriesDescription)); c.bad()) return failed(path, "series description", c);
    if (auto c = doc.setManufacturer("MedQ-Engine"); c.bad()) return failed(path, "manufacturer", c);
    doc.setSeriesNumber("9901");
    doc.setInstanceNumber("1");
    return {};
}

std::size_t addChild(DSRDocumentTree& tree, std::size_t parentId, DSRTypes::E_RelationshipType relation,
                     DSRTypes::E_ValueType type, const SrCode* concept) {
    if (tree.gotoNode(parentId) == 0) return 0;
    const std::size_t id = tree.addContentItem(relation, type, DSRTypes::AM_belowCurrent);
    if (id == 0) return 0;
    if (concept && tree.getCurrentContentItem().setConceptName(coded(*concept)).bad()) return 0;
    return id;
}

std::size_t addReference(DSRDocumentTree& tree, std::size_t parentId, const SrInstance& instance) {
    const OFString sopClass = of(instance.sopClassUid), sopInstance = of(instance.sopInstanceUid);
    if (dcmIsImageStorageSOPClassUID(sopClass.c_str())) {
        const std::size_t id = addChild(tree, parentId, DSRTypes::RT_contains, DSRTypes::VT_Image, nullptr);
        return id && tree.getCurrentContentItem().setImageReference(DSRImageReferenceValue(sopClass, sopInstance)).good()
                   ? id
                   : 0;
    }
    const std::size_t id = addChild(tree, parentId, DSRTypes::RT_contains, DSRTypes::VT_Composite, nullptr);
    return id && tree.getCurrentContentItem().setCompositeReference(DSRCompositeReferenceValue(sopClass, sopInstance)).good()
               ? id
               : 0;
}

Status addEvidence(DSRDocument& doc, const SrStudy& study, const std::vector<const SrImageEntry*>& images,
                   const QString& path) {
    for (const SrImageEntry* e : images) {
        for (const SrInstance& i : e->instances) {
            const OFCondition c = doc.getCurrentRequestedProcedureEvidence().addItem(
                of(study.studyUid), of(i.seriesUid), of(i.sopClassUid), of(i.sopInstanceUid));
            if (c.bad()) return failed(path, QStringLiteral("evidence for image %1").arg(e->imageId), c);
        }
    }
    return {};
}

Result<QString> saveDocument(DSRDocument& doc, const SrStudy& study, const QString& path) {
    // A Key Object Selection has no completion flag (PS3.3 C.17.6); an SR is complete as written.
    if (doc.getDocumentType() != DSRTypes::DT_KeyObjectSelectionDocument) {
        if (auto c = doc.completeDocument(); c.bad()) return failed(path, "completing the document", c);
    }
    DcmFileFormat ff;
    DcmDataset* ds = ff.getDataset();
    if (auto c = doc.write(*ds); c.bad()) return failed(path, "building the dataset", c);
    if (study.deidentified) {
        ds->putAndInsertString(DCM_PatientIdentityRemoved, "YES");
        // A short name (LO, 64 characters at most) for what docs/privacy.md describes.
        ds->putAndInsertString(DCM_DeidentificationMethod, "MedQ de-identification v1 (PS3.15 Basic Profile subset)");
    }
    const QString staging = path + QStringLiteral(".part");
    QFile::remove(staging);
    if (auto c = ff.saveFile(QFile::encodeName(staging).constData(), EXS_LittleEndianExplicit); c.bad()) {
        QFile::remove(staging);
        return failed(path, "writing", c);
    }
    QFile::remove(path);
    if (!QFile::rename(staging, path)) {
        QFile::remove(staging);
        return Error{path, QStringLiteral("cannot rename %1 into place").arg(staging)};
    }
    OFString uid;
    doc.getSOPInstanceUID(uid);
    return QString::fromLatin1(uid.c_str());
}

}  // namespace medq::exports::internal
