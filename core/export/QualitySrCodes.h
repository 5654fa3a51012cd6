#pragma once
// The codes of MedQ's quality-assessment SR and Key Object Selection (docs/pacs.md, "Results
// back to the PACS as DICOM"): DICOM (DCM) and SNOMED CT (SCT) codes where PS3.16 has one,
// the private scheme 99MEDQ where it does not. Plain values: no DCMTK type in this header.
#include "io/Modality.h"
#include "taxonomy/Severity.h"

#include <QString>

namespace medq::exports {

// One coded concept: code value, coding scheme designator and code meaning.
struct SrCode {
    QString value;
    QString scheme;
    QString meaning;
    bool operator==(const SrCode& o) const { return value == o.value && scheme == o.scheme && meaning == o.meaning; }
};

// Who judged an image: a person, or the model whose draft routing accepted without one.
enum class SrObserver { Person, Device };

// Which code stands for which concept in the documents MedQ writes.
class QualitySrCodes {
public:
    static inline const QString kPrivateScheme = QStringLiteral("99MEDQ");
    static QString privateSchemeName();  // for the CodingSchemeIdentificationSequence
    // The site-defined template of the SR's root (ContentTemplateSequence, mapping resource 99MEDQ).
    static inline const QString kTemplateId = QStringLiteral("MEDQ_QA_1");

    static SrCode documentTitle();         // (111050, DCM, "Quality Assessment")
    static SrCode imageAssessment();       // (IMAGE_QA, 99MEDQ): one container per image
    static SrCode overallQuality();        // (109701, DCM, "Overall image quality evaluation")
    static SrCode level(QualityLevel level);  // 111237 good, 111236 usable, 111235 reject (DCM)
    static SrCode qualityFinding();        // (111052, DCM, "Quality Finding"): an attribute found
    static SrCode attribute(Modality modality, const QString& key);  // (key, 99MEDQ, display name)
    static SrCode severityConcept();       // (246112005, SCT, "Severity")
    // Mild 255604002, moderate 6736007, severe 24484000 (SCT, CID 3716); None has no code:
    // absent attributes are not listed.
    static SrCode severity(Severity severity);
    static SrCode description();           // (121106, DCM, "Comment"): the assessment's text
    static SrCode observerType();          // (121005, DCM, "Observer Type")
    static SrCode observer(SrObserver observer);  // 121006 Person, 121007 Device (DCM)

    // The Key Object Selection's title: (113010, DCM, "Quality Issue"). Never 113001
    // "Rejected for Quality Reasons": that title is an IHE IOCM rejection note, and archives
    // hide the instances it lists. MedQ has no code for it on purpose.
    static SrCode keyObjectTitle();
    static SrCode keyObjectDescription();  // (113012, DCM, "Key Object Description")
};

// Which images the Key Object Selection lists: those whose accepted assessment is Reject.
// Usable images stay out: they do not fail the standard badly enough to flag for the PACS.
class QualityIssueRule {
public:
    static bool flags(QualityLevel level) { return level == QualityLevel::Reject; }
};

}  // namespace medq::exports
