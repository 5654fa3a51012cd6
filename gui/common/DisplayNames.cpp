#include "common/DisplayNames.h"

#include "io/Modality.h"

#include <QCoreApplication>

namespace medq::gui {
namespace {
struct DisplayNames {
    Q_DECLARE_TR_FUNCTIONS(medq::gui::DisplayNames)
};
}  // namespace

QString modalityName(const QString& storedModality) {
    const auto m = modalityFromString(storedModality);
    if (!m) return storedModality;
    switch (*m) {
    case Modality::MRI: return DisplayNames::tr("MRI");
    case Modality::CT: return DisplayNames::tr("CT");
    case Modality::Endoscopy: return DisplayNames::tr("Endoscopy");
    case Modality::Histopathology: return DisplayNames::tr("Histopathology");
    case Modality::Fundus: return DisplayNames::tr("Fundus photography");
    case Modality::Other: break;
    }
    return DisplayNames::tr("Other");
}

QString queueName(Queue queue) {
    switch (queue) {
    case Queue::Expert: return DisplayNames::tr("Expert");
    case Queue::Verify: return DisplayNames::tr("Verify");
    case Queue::AutoAccept: return DisplayNames::tr("Spot-check");
    }
    return key(queue);
}

QString statusName(ItemStatus status) {
    switch (status) {
    case ItemStatus::Pending: return DisplayNames::tr("pending");
    case ItemStatus::Done: return DisplayNames::tr("done");
    case ItemStatus::Skipped: return DisplayNames::tr("skipped");
    case ItemStatus::Returned: return DisplayNames::tr("returned");
    }
    return key(status);
}

QString draftProblemText(DraftProblem problem) {
    switch (problem) {
    case DraftProblem::NoWords: return DisplayNames::tr("it wrote no words");
    case DraftProblem::RepeatedToken: return DisplayNames::tr("it repeated one word over and over");
    case DraftProblem::NoEnd: return DisplayNames::tr("it never finished the description");
    }
    return key(problem);
}

QString questionTypeName(QuestionType questionType) {
    switch (questionType) {
    case QuestionType::YesNo: return DisplayNames::tr("yes/no question");
    case QuestionType::What: return DisplayNames::tr("what question");
    case QuestionType::How: return DisplayNames::tr("how question");
    case QuestionType::Comparison: return DisplayNames::tr("comparison");
    case QuestionType::Description: return DisplayNames::tr("description");
    }
    return key(questionType);
}

QString imageLocationName(const QString& storedPath) {
    if (storedPath.startsWith(QLatin1String("synth:"))) return storedPath.section(QLatin1Char('|'), 0, 0);
    return storedPath;
}

}  // namespace medq::gui
