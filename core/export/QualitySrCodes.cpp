#include "export/QualitySrCodes.h"

#include "taxonomy/Taxonomy.h"

namespace medq::exports {
namespace {

const QString kDcm = QStringLiteral("DCM");
const QString kSct = QStringLiteral("SCT");

}  // namespace

QString QualitySrCodes::privateSchemeName() { return QStringLiteral("MedQ-Engine image quality attributes"); }

SrCode QualitySrCodes::documentTitle() { return {"111050", kDcm, "Quality Assessment"}; }
SrCode QualitySrCodes::imageAssessment() { return {"IMAGE_QA", kPrivateScheme, "Image quality assessment"}; }
SrCode QualitySrCodes::overallQuality() { return {"109701", kDcm, "Overall image quality evaluation"}; }

SrCode QualitySrCodes::level(QualityLevel level) {
    switch (level) {
    case QualityLevel::Good: return {"111237", kDcm, "Usable - Meets the quality control standard"};
    case QualityLevel::Usable: return {"111236", kDcm, "Usable - Does not meet the quality control standard"};
    case QualityLevel::Reject: return {"111235", kDcm, "Unusable - Quality renders image unusable"};
    }
    return {};
}

SrCode QualitySrCodes::qualityFinding() { return {"111052", kDcm, "Quality Finding"}; }

SrCode QualitySrCodes::attribute(Modality modality, const QString& key) {
    const QualityAttribute* a = Taxonomy::instance().find(modality, key);
    // An attribute the taxonomy no longer knows keeps its key as the meaning rather than vanish.
    return {key, kPrivateScheme, a ? a->displayName : key};
}

SrCode QualitySrCodes::severityConcept() { return {"246112005", kSct, "Severity"}; }

SrCode QualitySrCodes::severity(Severity severity) {
    switch (severity) {
    case Severity::Mild: return {"255604002", kSct, "Mild"};
    case Severity::Moderate: return {"6736007", kSct, "Moderate"};
    case Severity::Severe: return {"24484000", kSct, "Severe"};
    case Severity::None: break;
    }
    return {};
}

SrCode QualitySrCodes::description() { return {"121106", kDcm, "Comment"}; }
SrCode QualitySrCodes::observerType() { return {"121005", kDcm, "Observer Type"}; }

SrCode QualitySrCodes::observer(SrObserver observer) {
    return observer == SrObserver::Person ? SrCode{"121006", kDcm, "Person"} : SrCode{"121007", kDcm, "Device"};
}

SrCode QualitySrCodes::keyObjectTitle() { return {"113010", kDcm, "Quality Issue"}; }
SrCode QualitySrCodes::keyObjectDescription() { return {"113012", kDcm, "Key Object Description"}; }

}  // namespace medq::exports
