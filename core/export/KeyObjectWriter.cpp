#include "export/KeyObjectWriter.h"

#include "export/internal/SrDocumentParts.h"

namespace medq::exports {

std::vector<const SrImageEntry*> KeyObjectWriter::flagged(const SrStudy& study) {
    std::vector<const SrImageEntry*> out;
    for (const SrImageEntry& e : study.images) {
        if (QualityIssueRule::flags(e.level)) out.push_back(&e);
    }
    return out;
}

QString KeyObjectWriter::description(int count) {
    return QStringLiteral("MedQ quality assessment: %1 image(s) judged reject (quality renders the image unusable) "
                          "by accepted assessments. A quality flag, not a rejection: the images stay available; "
                          "details in the study's MedQ quality-assessment SR.")
        .arg(count);
}

Result<QString> KeyObjectWriter::write(const SrStudy& study, const QString& path) {
    const auto images = flagged(study);
    if (images.empty()) return Error{path, QStringLiteral("no image judged reject in study %1").arg(study.studyUid)};
    DSRDocument doc(DSRTypes::DT_KeyObjectSelectionDocument);
    if (Status st = internal::prepareDocument(doc, study, QStringLiteral("MedQ quality issues"), path); !st)
        return st.error();
    DSRDocumentTree& tree = doc.getTree();
    const SrCode title = QualitySrCodes::keyObjectTitle(), text = QualitySrCodes::keyObjectDescription();
    const std::size_t rootId = tree.addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container);
    // DCMTK does not write the KOS root's template (TID 2010) by itself (dsrdoc.h, write()).
    if (!rootId || tree.getCurrentContentItem().setConceptName(internal::coded(title)).bad() ||
        tree.getCurrentContentItem().setTemplateIdentification("2010", "DCMR").bad())
        return Error{path, QStringLiteral("cannot create the key object selection's root container")};
    if (!internal::addChild(tree, rootId, DSRTypes::RT_contains, DSRTypes::VT_Text, &text) ||
        tree.getCurrentContentItem().setStringValue(description(int(images.size())).toUtf8().constData()).bad())
        return Error{path, QStringLiteral("cannot add the key object description")};
    for (const SrImageEntry* e : images) {
        for (const SrInstance& i : e->instances) {
            if (!internal::addReference(tree, rootId, i))
                return Error{path, QStringLiteral("cannot reference image %1 (SOP Instance UID %2)")
                                       .arg(e->imageId).arg(i.sopInstanceUid)};
        }
    }
    if (Status st = internal::addEvidence(doc, study, images, path); !st) return st.error();
    return internal::saveDocument(doc, study, path);
}

}  // namespace medq::exports
