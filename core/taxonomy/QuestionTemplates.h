#pragma once
// Wordings and option sets of the perception question types (MedQ-Bench: yes/no, what, how,
// pairwise comparison). Every question has at most four options, labelled A-D.
#include "common/Vocabulary.h"
#include "io/Modality.h"
#include "taxonomy/QualityAttribute.h"

#include <QString>
#include <QStringList>

namespace medq {

// Question texts with a few phrasings each (`variant` wraps around) and the fixed option sets.
class QuestionTemplates {
public:
    static constexpr int kMaxOptions = 4;

    // 'A' for 0 ... 'D' for 3.
    static QChar optionLabel(int index);
    static int variantCount(QuestionType type);

    // "Is there motion artefact in this image?"
    static QString yesNo(const QualityAttribute& attribute, int variant);
    // "Which artefact dominates this image?"
    static QString what(int variant);
    // "How severe is the noise in this image?"
    static QString how(const QualityAttribute& attribute, int variant);
    // "How would you rate the overall quality of this image?"
    static QString overallHow(int variant);
    // "Which of the two images has better quality?"
    static QString comparison(int variant);
    // The description request of one image, and of a pair.
    static QString describe();
    static QString describePair();

    static QStringList yesNoOptions();       // Yes, No
    static QStringList severityOptions();    // None, Mild, Moderate, Severe (index == Severity value)
    static QStringList overallOptions();     // Good, Usable, Reject
    static QStringList comparisonOptions();  // The first image, The second image, They are similar
    // The "what" option meaning no attribute is present.
    static QString noArtefactOption();
};

}  // namespace medq
