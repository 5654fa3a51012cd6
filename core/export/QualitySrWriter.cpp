#include "export/QualitySrWriter.h"

#include "export/internal/SrDocumentParts.h"

namespace medq::exports {
namespace {

using internal::addChild;
using C = QualitySrCodes;

OFString of(const QString& s) { return OFString(s.toUtf8().constData()); }

// One image's container below the root; false when DCMTK refuses an item or a value.
bool addImage(DSRDocumentTree& tree, std::size_t rootId, const SrImageEntry& e) {
    const SrCode container = C::imageAssessment(), overall = C::overallQuality(), finding = C::qualityFinding(),
                 severity = C::severityConcept(), comment = C::description(), observerType = C::observerType();
    const std::size_t box = addChild(tree, rootId, DSRTypes::RT_contains, DSRTypes::VT_Container, &container);
    if (!box) return false;
    for (const SrInstance& i : e.instances) {
        if (!internal::addReference(tree, box, i)) return false;
    }
    if (!addChild(tree, box, DSRTypes::RT_contains, DSRTypes::VT_Code, &overall) ||
        tree.getCurrentContentItem().setCodeValue(internal::coded(C::level(e.level))).bad())
        return false;
    for (const SrAttributeFinding& f : e.attributes) {
        const std::size_t item = addChild(tree, box, DSRTypes::RT_contains, DSRTypes::VT_Code, &finding);
        if (!item || tree.getCurrentContentItem().setCodeValue(internal::coded(C::attribute(e.modality, f.key))).bad())
            return false;
        if (!addChild(tree, item, DSRTypes::RT_hasProperties, DSRTypes::VT_Code, &severity) ||
            tree.getCurrentContentItem().setCodeValue(internal::coded(C::severity(f.severity))).bad())
            return false;
    }
    if (!e.description.isEmpty()) {
        if (!addChild(tree, box, DSRTypes::RT_contains, DSRTypes::VT_Text, &comment) ||
            tree.getCurrentContentItem().setStringValue(of(e.description)).bad())
            return false;
    }
    return addChild(tree, box, DSRTypes::RT_contains, DSRTypes::VT_Code, &observerType) &&
           tree.getCurrentContentItem().setCodeValue(internal::coded(C::observer(e.observer))).good();
}

}  // namespace

Result<QString> QualitySrWriter::write(const SrStudy& study, const QString& path) {
    if (study.images.empty()) return Error{path, QStringLiteral("no assessed image in study %1").arg(study.studyUid)};
    DSRDocument doc(DSRTypes::DT_ComprehensiveSR);
    if (Status st = internal::prepareDocument(doc, study, QStringLiteral("MedQ quality assessment"), path); !st)
        return st.error();
    doc.getCodingSchemeIdentification().addItem(of(C::kPrivateScheme));
    doc.getCodingSchemeIdentification().setCodingSchemeName(of(C::privateSchemeName()));
    doc.getCodingSchemeIdentification().setCodingSchemeResponsibleOrganization("MedQ-Engine");

    DSRDocumentTree& tree = doc.getTree();
    const std::size_t rootId = tree.addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container);
    const SrCode title = C::documentTitle();
    if (!rootId || tree.getCurrentContentItem().setConceptName(internal::coded(title)).bad() ||
        tree.getCurrentContentItem().setTemplateIdentification(of(C::kTemplateId), of(C::kPrivateScheme)).bad())
        return Error{path, QStringLiteral("cannot create the report's root container")};
    std::vector<const SrImageEntry*> evidence;
    for (const SrImageEntry& e : study.images) {
        if (!addImage(tree, rootId, e))
            return Error{path, QStringLiteral("cannot add image %1 (SOP Instance UID %2) to the report")
                                   .arg(e.imageId).arg(e.instances.front().sopInstanceUid)};
        evidence.push_back(&e);
    }
    if (Status st = internal::addEvidence(doc, study, evidence, path); !st) return st.error();
    return internal::saveDocument(doc, study, path);
}

}  // namespace medq::exports
