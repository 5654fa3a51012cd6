#include "taxonomy/QuestionTemplates.h"

namespace medq {

namespace {

const QString& pick(const QStringList& list, int variant) {
    const int n = int(list.size());
    return list[((variant % n) + n) % n];
}

// Question wordings. Nouns are singular or mass nouns so "Is there <noun> ..." reads correctly.
const QStringList& yesNoForms() {
    static const QStringList forms = {QStringLiteral("Is there %1 in this image?"),
                                      QStringLiteral("Does this image show %1?"),
                                      QStringLiteral("Can %1 be seen in this image?")};
    return forms;
}
const QStringList& whatForms() {
    static const QStringList forms = {QStringLiteral("Which artefact dominates this image?"),
                                      QStringLiteral("What is the main quality problem in this image?"),
                                      QStringLiteral("Which degradation affects this image the most?")};
    return forms;
}
const QStringList& howForms() {
    static const QStringList forms = {QStringLiteral("How severe is the %1 in this image?"),
                                      QStringLiteral("To what degree is this image affected by %1?"),
                                      QStringLiteral("What is the severity of the %1?")};
    return forms;
}
const QStringList& overallForms() {
    static const QStringList forms = {QStringLiteral("How would you rate the overall quality of this image?"),
                                      QStringLiteral("Is the quality of this image good, usable or reject?"),
                                      QStringLiteral("What is the overall quality level of this image?")};
    return forms;
}
const QStringList& comparisonForms() {
    static const QStringList forms = {QStringLiteral("Which of the two images has better quality?"),
                                      QStringLiteral("Comparing the two images, which one has higher quality?"),
                                      QStringLiteral("Which image is of better diagnostic quality?")};
    return forms;
}

}  // namespace

QChar QuestionTemplates::optionLabel(int index) { return QChar(char16_t(u'A' + index)); }

int QuestionTemplates::variantCount(QuestionType type) {
    switch (type) {
    case QuestionType::YesNo: return int(yesNoForms().size());
    case QuestionType::What: return int(whatForms().size());
    case QuestionType::How: return int(howForms().size());
    case QuestionType::Comparison: return int(comparisonForms().size());
    case QuestionType::Description: break;
    }
    return 1;
}

QString QuestionTemplates::yesNo(const QualityAttribute& attribute, int variant) {
    return pick(yesNoForms(), variant).arg(attribute.noun);
}

QString QuestionTemplates::what(int variant) { return pick(whatForms(), variant); }

QString QuestionTemplates::how(const QualityAttribute& attribute, int variant) {
    return pick(howForms(), variant).arg(attribute.noun);
}

QString QuestionTemplates::overallHow(int variant) { return pick(overallForms(), variant); }

QString QuestionTemplates::comparison(int variant) { return pick(comparisonForms(), variant); }

QString QuestionTemplates::describe() {
    return QStringLiteral("Describe the quality of this image and give an overall rating.");
}

QString QuestionTemplates::describePair() {
    return QStringLiteral("Compare the quality of the two images and say which is better.");
}

QStringList QuestionTemplates::yesNoOptions() { return {QStringLiteral("Yes"), QStringLiteral("No")}; }

QStringList QuestionTemplates::severityOptions() {
    return {QStringLiteral("None"), QStringLiteral("Mild"), QStringLiteral("Moderate"),
            QStringLiteral("Severe")};
}

QStringList QuestionTemplates::overallOptions() {
    return {QStringLiteral("Good"), QStringLiteral("Usable"), QStringLiteral("Reject")};
}

QStringList QuestionTemplates::comparisonOptions() {
    return {QStringLiteral("The first image"), QStringLiteral("The second image"),
            QStringLiteral("They are similar")};
}

QString QuestionTemplates::noArtefactOption() { return QStringLiteral("No obvious artefact"); }

}  // namespace medq
